using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Documents.V1;
using Platform.Predictions.V1;

namespace Platform.Client.Articles;

/// <summary>What loading a corpus did, for the caller to report.</summary>
public sealed record CorpusLoadResult(int Articles, int NewArticles, int Forecasts, int Resolved, int AlreadyResolved, IReadOnlyList<string> Problems);

/// <summary>
/// Loads a folder of article files and a resolutions file (JSON lines: article, quote, outcome, fraction,
/// resolved, note, evidence_url) into the platform: ingests every article, waits until its entities and
/// forecasts are extracted, then resolves each forecast whose extracted quote contains the line's quote.
/// Safe to run again: articles are deduplicated by the document service and resolved forecasts are skipped.
/// </summary>
public sealed class CorpusLoader(PlatformClient platform)
{
    private static readonly TimeSpan ProcessingLimit = TimeSpan.FromSeconds(120);

    public async Task<CorpusLoadResult> LoadAsync(string articlesFolder, string? resolutionsFile, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var files = Directory.EnumerateFiles(articlesFolder).Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        var created = 0;
        foreach (var file in files)
        {
            var request = await ArticleFile.ReadAsync(file, cancellationToken);
            var reply = await platform.Documents.IngestDocumentAsync(request, new Grpc.Core.CallOptions(cancellationToken: cancellationToken));
            documents[Path.GetFileName(file)] = reply.Document.Id;
            created += reply.Created ? 1 : 0;
        }

        progress?.Report($"{files.Count} articles sent ({created} new); waiting for extraction");
        var problems = new List<string>();
        var forecasts = new Dictionary<string, List<Prediction>>(StringComparer.Ordinal);
        foreach (var (file, id) in documents)
        {
            await WaitProcessedAsync(id, file, problems, cancellationToken);
            var found = await platform.Predictions.ListPredictionsAsync(new ListPredictionsRequest { DocumentId = id, PageSize = 200 }, new Grpc.Core.CallOptions(cancellationToken: cancellationToken));
            forecasts[file] = [.. found.Predictions];
        }

        var (resolved, already) = resolutionsFile is null ? (0, 0) : await ResolveAsync(resolutionsFile, forecasts, problems, cancellationToken);
        return new CorpusLoadResult(files.Count, created, forecasts.Values.Sum(f => f.Count), resolved, already, problems);
    }

    private async Task WaitProcessedAsync(string id, string file, List<string> problems, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ProcessingLimit;
        while (true)
        {
            var document = await platform.Documents.GetDocumentAsync(new GetDocumentRequest { Id = id }, new Grpc.Core.CallOptions(cancellationToken: cancellationToken));
            var stages = new[] { document.Status?.Entities, document.Status?.Predictions };
            if (stages.All(s => s is { State: StageState.Done or StageState.Failed }))
            {
                foreach (var failed in stages.Where(s => s!.State == StageState.Failed))
                {
                    problems.Add($"{file}: a processing stage failed: {failed!.Reason}");
                }

                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                problems.Add($"{file}: not processed within {ProcessingLimit.TotalSeconds:0} s");
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task<(int Resolved, int Already)> ResolveAsync(
        string resolutionsFile, Dictionary<string, List<Prediction>> forecasts, List<string> problems, CancellationToken cancellationToken)
    {
        int resolved = 0, already = 0, number = 0;
        foreach (var line in await File.ReadAllLinesAsync(resolutionsFile, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ResolutionLine entry;
            try
            {
                entry = JsonSerializer.Deserialize(line, ResolutionLineJson.Default.ResolutionLine)
                    ?? throw new JsonException("empty line");
            }
            catch (JsonException e)
            {
                problems.Add($"{Path.GetFileName(resolutionsFile)} line {number}: not a resolution: {e.Message}");
                continue;
            }

            var matches = forecasts.GetValueOrDefault(entry.Article)?.Where(p => p.Quote.Contains(entry.Quote, StringComparison.Ordinal)).ToList() ?? [];
            if (matches.Count != 1)
            {
                problems.Add($"{Path.GetFileName(resolutionsFile)} line {number}: {matches.Count} forecasts in {entry.Article} quote \"{entry.Quote}\"");
                continue;
            }

            if (matches[0].Resolutions.Count > 0)
            {
                already++;
                continue;
            }

            try
            {
                await platform.Predictions.ResolvePredictionAsync(entry.ToRequest(matches[0].Id), new Grpc.Core.CallOptions(cancellationToken: cancellationToken));
                resolved++;
            }
            catch (RpcException e)
            {
                problems.Add($"{Path.GetFileName(resolutionsFile)} line {number}: {e.StatusCode}: {e.Status.Detail}");
            }
        }

        return (resolved, already);
    }
}

/// <summary>One line of a resolutions file.</summary>
public sealed record ResolutionLine(
    string Article, string Quote, string Outcome, double? Fraction, string? Resolved, string? Note,
    [property: System.Text.Json.Serialization.JsonPropertyName("evidence_url")] string? EvidenceUrl)
{
    public ResolvePredictionRequest ToRequest(string predictionId)
    {
        var request = new ResolvePredictionRequest
        {
            Id = predictionId,
            Outcome = Outcome.ToUpperInvariant() switch
            {
                "TRUE" => Predictions.V1.Outcome.True,
                "FALSE" => Predictions.V1.Outcome.False,
                "PARTIAL" => Predictions.V1.Outcome.Partial,
                "ANNULLED" => Predictions.V1.Outcome.Annulled,
                _ => throw new FormatException($"outcome '{Outcome}' is not TRUE, FALSE, PARTIAL or ANNULLED"),
            },
            Fraction = Fraction ?? 0,
            Note = Note ?? "",
            EvidenceUrl = EvidenceUrl ?? "",
        };
        if (Resolved is { Length: > 0 } day)
        {
            request.ResolvedTime = Timestamp.FromDateTime(DateTime.SpecifyKind(DateTime.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc));
        }

        return request;
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ResolutionLine))]
internal sealed partial class ResolutionLineJson : System.Text.Json.Serialization.JsonSerializerContext;
