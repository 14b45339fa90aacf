using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Entities.V1;
using Platform.Predictions.V1;
using Platform.Testing;

namespace Platform.Predictions.Tests;

/// <summary>Starts the prediction service (SQLite or PostgreSQL) and gives typed clients and test articles.</summary>
public abstract class PredictionServiceFixture : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("predictions-").FullName;

    private protected GrpcServiceProcess Service { get; private set; } = null!;

    private protected PredictionExtraction.PredictionExtractionClient Extraction => new(Service.Channel);

    private protected PredictionService.PredictionServiceClient Predictions => new(Service.Channel);

    private protected static CallOptions Deadline => new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(30));

    private protected static CallOptions As(string identity) =>
        new CallOptions(new Metadata { { Platform.Contracts.CallerMetadata.Identity, identity } }).WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(30));

    public async Task InitializeAsync() => Service = await GrpcServiceProcess.StartAsync("Platform.Predictions", _data, await StorageSettingsAsync());

    public virtual async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    protected virtual Task<Dictionary<string, string>> StorageSettingsAsync() => Task.FromResult(new Dictionary<string, string>());

    /// <summary>Hands an article over as the document service would, with the given entity mentions ("text" → id).</summary>
    private protected async Task<IReadOnlyList<Prediction>> IngestAsync(string documentId, string body, string author, string outlet, DateTime published,
        params (string Text, string EntityId, EntityType Type)[] entities)
    {
        var request = new ExtractPredictionsRequest
        {
            DocumentId = documentId,
            ContentSha256 = "h-" + documentId,
            Body = body,
            Outlet = outlet,
            PublishedTime = Timestamp.FromDateTime(DateTime.SpecifyKind(published, DateTimeKind.Utc)),
        };
        request.Authors.Add(author);
        foreach (var (text, id, type) in entities)
        {
            for (var at = body.IndexOf(text, StringComparison.Ordinal); at >= 0; at = body.IndexOf(text, at + text.Length, StringComparison.Ordinal))
            {
                request.Mentions.Add(new Mention { EntityId = id, CanonicalName = text, Type = type, Text = text, Start = at, End = at + text.Length });
            }
        }

        var response = await Extraction.ExtractPredictionsAsync(request, Deadline);
        var found = new List<Prediction>();
        foreach (var id in response.PredictionIds)
        {
            found.Add(await Predictions.GetPredictionAsync(new GetPredictionRequest { Id = id }, Deadline));
        }

        return found;
    }

    private protected Task<Prediction> ResolveAsync(string id, Outcome outcome, double fraction = 0, string resolver = "ana", DateTime? at = null) =>
        Predictions.ResolvePredictionAsync(new ResolvePredictionRequest
        {
            Id = id,
            Outcome = outcome,
            Fraction = fraction,
            EvidenceUrl = "https://example.org/evidence",
            ResolvedTime = at is { } time ? Timestamp.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null,
        }, As(resolver)).ResponseAsync;
}
