using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Documents.Text;
using Platform.Entities.Recognition;
using Platform.Entities.Recognition.Linking;
using Platform.Predictions.Extraction;

namespace Platform.Cli.Commands;

/// <summary>What <c>extract</c> prints: the document as read, and its entities with every mention's offsets in the body.</summary>
internal sealed record ExtractionReport(ReportDocument Document, IReadOnlyList<ReportEntity> Entities, IReadOnlyList<ReportPrediction> Predictions)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    public static async Task<ExtractionReport> BuildAsync(ExtractedArticle article, DateOnly published, EntityRecognizer recognizer, EntityLinker linker,
        ForecastExtractor forecasts, CancellationToken cancellationToken)
    {
        var recognized = recognizer.Recognize(article.Body);
        var entities = new List<ReportEntity>();
        var mentions = new List<MentionInput>();
        foreach (var entity in recognized.Entities)
        {
            var linked = await linker.LinkAsync(entity, cancellationToken);
            entities.Add(new ReportEntity(linked.CanonicalName, TypeName(entity.Kind),
                [.. entity.Mentions.OrderBy(m => m.Start).Select(m => new ReportMention(m.Text, m.Start, m.End))]));
            mentions.AddRange(entity.Mentions.Select(m => new MentionInput(m.Start, m.End, linked.Id, linked.CanonicalName, entity.Kind)));
        }

        var predictions = forecasts.Extract(new ArticleInput(article.Body, published, article.Authors, [.. mentions.OrderBy(m => m.Start)]))
            .Select(f => new ReportPrediction(f.Quote, f.Start, f.End, f.Claim, f.Predictor, f.Attributed, f.Hedge, f.Probability, f.Horizon,
                f.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), f.Condition, [.. f.Entities.Select(e => e.CanonicalName).Distinct(StringComparer.Ordinal)]))
            .ToList();

        var document = new ReportDocument(
            article.Title,
            article.Authors.Count > 0 ? string.Join(", ", article.Authors) : null,
            article.AuthorRule,
            article.PublishedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            recognized.WordCount,
            recognized.SkippedReason);
        return new ExtractionReport(document, [.. entities.OrderBy(e => e.Mentions[0].Start)], predictions);
    }

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Title:     {Document.Title ?? "(none)"}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Author:    {Document.Author ?? "unknown"} ({Document.AuthorRule})");
        text.AppendLine(CultureInfo.InvariantCulture, $"Published: {Document.Published ?? "unknown"}");
        if (Document.SkippedReason is { } reason)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Nothing extracted: {reason}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Entities:  {Entities.Count}");
        foreach (var entity in Entities)
        {
            var forms = string.Join(", ", entity.Mentions.Select(m => $"\"{m.Text}\" {m.Start}-{m.End}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"  {entity.Type,-6} {entity.Canonical}: {forms}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Forecasts: {Predictions.Count}");
        foreach (var forecast in Predictions)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  [{forecast.Probability:0.00} {forecast.Hedge}] {forecast.Predictor}{(forecast.Attributed ? " (reported)" : "")}: {forecast.Claim}");
            text.AppendLine(CultureInfo.InvariantCulture, $"      deadline {forecast.Deadline ?? "none"}{(forecast.Condition is null ? "" : $"; if: {forecast.Condition}")}");
        }

        return text.ToString();
    }

    private static string TypeName(EntityKind kind) => kind.ToString().ToUpperInvariant();
}

internal sealed record ReportDocument(string? Title, string? Author, string AuthorRule, string? Published, int Words, string? SkippedReason);

internal sealed record ReportEntity(string Canonical, string Type, IReadOnlyList<ReportMention> Mentions);

internal sealed record ReportMention(string Text, int Start, int End);

internal sealed record ReportPrediction(string Quote, int Start, int End, string Claim, string Predictor, bool Attributed, string Hedge, double Probability,
    string? Horizon, string? Deadline, string? Condition, IReadOnlyList<string> Entities);
