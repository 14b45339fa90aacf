using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Documents.V1;
using Platform.Entities.V1;
using Platform.Predictions.V1;
using Platform.Testing;

namespace Platform.ServiceDefaults.Tests.Grpc;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PlatformServicesDefinition : ICollectionFixture<PlatformServices>
{
    // Alone, so the fuzz's load does not slow the shutdown tests' processes, nor theirs the fuzz.
    public const string Name = "Platform services";
}

/// <summary>
/// The platform's document, entity and prediction services as child processes (SQLite in a temporary folder), the
/// way they run in production, with a little real data: one document, the entities of one article, and its forecasts.
/// </summary>
public sealed class PlatformServices : IAsyncLifetime
{
    public const string Caller = "fuzz@example.org";

    private static readonly string[] Projects = ["Platform.Documents", "Platform.Entities", "Platform.Predictions"];

    private readonly string _data = Directory.CreateTempSubdirectory("grpc-platform-").FullName;

    internal GrpcServiceProcess Documents { get; private set; } = null!;

    internal GrpcServiceProcess Entities { get; private set; } = null!;

    internal GrpcServiceProcess Predictions { get; private set; } = null!;

    internal string DocumentId { get; private set; } = "";

    internal string EntityId { get; private set; } = "";

    internal string PredictionId { get; private set; } = "";

    internal static CallOptions Options() =>
        new(new Metadata { { Contracts.CallerMetadata.Identity, Caller } }, DateTime.UtcNow.AddSeconds(30));

    public async Task InitializeAsync()
    {
        var started = Projects
            .Select(project => GrpcServiceProcess.StartAsync(project, Directory.CreateDirectory(Path.Combine(_data, project)).FullName))
            .ToList();
        try
        {
            await Task.WhenAll(started);
        }
        catch
        {
            // Stop whatever did start: one service failing to start must not leave the others running.
            foreach (var service in started.Where(t => t.IsCompletedSuccessfully))
            {
                await service.Result.DisposeAsync();
            }

            Directory.Delete(_data, recursive: true);
            throw;
        }

        (Documents, Entities, Predictions) = (started[0].Result, started[1].Result, started[2].Result);
        try
        {
            await SeedAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        await Documents.DisposeAsync();
        await Entities.DisposeAsync();
        await Predictions.DisposeAsync();

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private async Task SeedAsync()
    {
        var ingested = await new DocumentService.DocumentServiceClient(Documents.Channel).IngestDocumentAsync(
            FuzzSeeds.Article("The seed article"), Options());
        DocumentId = ingested.Document.Id;

        var entities = await new EntityExtraction.EntityExtractionClient(Entities.Channel).ExtractEntitiesAsync(new ExtractEntitiesRequest
        {
            DocumentId = "doc-seed",
            ContentSha256 = "seed",
            Body = FuzzSeeds.EntitiesText,
        }, Options());
        EntityId = entities.Mentions.Select(m => m.EntityId).FirstOrDefault() ?? "";

        var forecast = new ExtractPredictionsRequest
        {
            DocumentId = "doc-seed",
            ContentSha256 = "seed",
            Body = FuzzSeeds.ForecastText,
            Outlet = "The Seed Times",
            PublishedTime = Timestamp.FromDateTime(new DateTime(2016, 10, 17, 0, 0, 0, DateTimeKind.Utc)),
        };
        forecast.Authors.Add("Lena Marsh");
        var predictions = await new PredictionExtraction.PredictionExtractionClient(Predictions.Channel).ExtractPredictionsAsync(forecast, Options());
        PredictionId = predictions.PredictionIds.FirstOrDefault() ?? "";
        Assert.False(string.IsNullOrEmpty(EntityId), "the entity service found no entity in the seed text");
        Assert.False(string.IsNullOrEmpty(PredictionId), "the prediction service found no forecast in the seed text");
    }
}
