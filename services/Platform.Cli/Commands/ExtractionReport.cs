using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Documents.Text;
using Platform.Entities.Recognition;
using Platform.Entities.Recognition.Linking;

namespace Platform.Cli.Commands;

/// <summary>What <c>extract</c> prints: the document as read, and its entities with every mention's offsets in the body.</summary>
internal sealed record ExtractionReport(ReportDocument Document, IReadOnlyList<ReportEntity> Entities)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    public static async Task<ExtractionReport> BuildAsync(ExtractedArticle article, EntityRecognizer recognizer, EntityLinker linker, CancellationToken cancellationToken)
    {
        var recognized = recognizer.Recognize(article.Body);
        var entities = new List<ReportEntity>();
        foreach (var entity in recognized.Entities)
        {
            var linked = await linker.LinkAsync(entity, cancellationToken);
            entities.Add(new ReportEntity(linked.CanonicalName, TypeName(entity.Kind),
                [.. entity.Mentions.OrderBy(m => m.Start).Select(m => new ReportMention(m.Text, m.Start, m.End))]));
        }

        var document = new ReportDocument(
            article.Title,
            article.Authors.Count > 0 ? string.Join(", ", article.Authors) : null,
            article.AuthorRule,
            article.PublishedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            recognized.WordCount,
            recognized.SkippedReason);
        return new ExtractionReport(document, [.. entities.OrderBy(e => e.Mentions[0].Start)]);
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

        return text.ToString();
    }

    private static string TypeName(EntityKind kind) => kind.ToString().ToUpperInvariant();
}

internal sealed record ReportDocument(string? Title, string? Author, string AuthorRule, string? Published, int Words, string? SkippedReason);

internal sealed record ReportEntity(string Canonical, string Type, IReadOnlyList<ReportMention> Mentions);

internal sealed record ReportMention(string Text, int Start, int End);
