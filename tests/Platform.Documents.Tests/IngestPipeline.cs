using Grpc.Core;
using Platform.Documents.V1;
using Platform.Entities.V1;
using Platform.Predictions.V1;
using Platform.Testing;

namespace Platform.Documents.Tests;

/// <summary>
/// The real entity, prediction and document services wired as they run in production — the document service handing
/// off to the other two, with short retry delays — on SQLite files under <c>root</c> or each in its own database of a
/// real PostgreSQL; and the checks the fault tests share: nothing left pending or failed, each article's entities and
/// forecasts stored exactly once.
/// </summary>
internal sealed class IngestPipeline : IAsyncDisposable
{
    private IngestPipeline(GrpcServiceProcess entities, GrpcServiceProcess predictions, DocumentServiceProcess documents)
    {
        Entities = entities;
        Predictions = predictions;
        Documents = documents;
    }

    public GrpcServiceProcess Entities { get; }

    public GrpcServiceProcess Predictions { get; }

    public DocumentServiceProcess Documents { get; }

    private static CallOptions Deadline => new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(60));

    public static async Task<IngestPipeline> StartAsync(string root, PostgresServer? postgres)
    {
        async Task<Dictionary<string, string>> StorageAsync(string name)
        {
            if (postgres is null)
            {
                return [];
            }

            await postgres.CreateDatabaseAsync(name.ToLowerInvariant());
            return new() { ["Storage__Provider"] = "postgres", [$"ConnectionStrings__{name}"] = postgres.ConnectionString(name.ToLowerInvariant()) };
        }

        string Folder(string name) => Directory.CreateDirectory(Path.Combine(root, name)).FullName;

        var entities = await GrpcServiceProcess.StartAsync("Platform.Entities", Folder("entities"), await StorageAsync("Entities"));
        var predictions = await GrpcServiceProcess.StartAsync("Platform.Predictions", Folder("predictions"), await StorageAsync("Predictions"));
        var settings = await StorageAsync("Documents");
        settings["Dispatch__EntitiesAddress"] = entities.Address;
        settings["Dispatch__PredictionsAddress"] = predictions.Address;
        settings["Dispatch__InitialBackoff"] = "00:00:00.200";
        settings["Dispatch__MaxBackoff"] = "00:00:02";
        settings["Dispatch__LeaseDuration"] = "00:00:05"; // on PostgreSQL a killed service's claims wait for their lease
        var documents = await DocumentServiceProcess.StartAsync(Folder("documents"), settings);
        return new IngestPipeline(entities, predictions, documents);
    }

    /// <summary>Waits until no document has a stage pending, then asserts that none failed.</summary>
    public async Task WaitUntilAllProcessedAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while ((await Documents.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1, ProcessingState = StageState.Pending }, Deadline)).Documents
               is { Count: > 0 } pending)
        {
            Assert.True(DateTime.UtcNow < deadline, $"still pending after 5 minutes: {pending[0].Status}\n{Documents.Output}");
            await Task.Delay(200);
        }

        var failed = await Documents.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 5, ProcessingState = StageState.Failed }, Deadline);
        Assert.True(failed.Documents.Count == 0, $"failed stages: {failed.Documents.FirstOrDefault()?.Status}");
    }

    /// <summary>
    /// Every article names <paramref name="place"/> twice and carries the same forecasts: so the place has exactly two
    /// mentions per article, and every article the same number of forecasts, none repeated. A lost or repeated
    /// delivery would show in either.
    /// </summary>
    public async Task AssertEachExactlyOnceAsync(IReadOnlyCollection<string> documentIds, string place)
    {
        var catalog = new EntityService.EntityServiceClient(Entities.Channel);
        var found = (await catalog.SearchEntitiesAsync(new SearchEntitiesRequest { Query = place, Limit = 1 }, Deadline)).Matches[0].Entity;
        var entity = await catalog.GetEntityAsync(new GetEntityRequest { Id = found.Id }, Deadline);
        Assert.Equal((2L * documentIds.Count, (long)documentIds.Count), (entity.MentionCount, entity.DocumentCount));

        var forecasts = new PredictionService.PredictionServiceClient(Predictions.Channel);
        var counts = new Dictionary<int, int>();
        foreach (var id in documentIds)
        {
            var listed = await forecasts.ListPredictionsAsync(new ListPredictionsRequest { DocumentId = id, PageSize = 50 }, Deadline);
            Assert.Equal(listed.Predictions.Count, listed.Predictions.Select(p => p.Start).Distinct().Count());
            counts[listed.Predictions.Count] = counts.GetValueOrDefault(listed.Predictions.Count) + 1;
        }

        var (perArticle, articles) = Assert.Single(counts);
        Assert.True(perArticle >= 1, "no forecast found in the articles");
        Assert.Equal(documentIds.Count, articles);
    }

    public async ValueTask DisposeAsync()
    {
        await Documents.DisposeAsync();
        await Predictions.DisposeAsync();
        await Entities.DisposeAsync();
    }
}
