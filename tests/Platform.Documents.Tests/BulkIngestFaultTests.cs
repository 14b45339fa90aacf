using Grpc.Core;
using Platform.Documents.V1;
using Platform.Entities.V1;
using Platform.Predictions.V1;
using Platform.Testing;

namespace Platform.Documents.Tests;

/// <summary>
/// The whole ingest path under faults: 2,000 articles through the bulk API into the real document, entity and
/// prediction services (SQLite), with each service killed (SIGKILL) and restarted while the articles flow.
/// </summary>
public sealed class BulkIngestFaultTests : IAsyncLifetime
{
    private const int Articles = 2000;
    private const int PerStream = 100;
    private readonly string _root = Directory.CreateTempSubdirectory("bulk-faults-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private static CallOptions Deadline => new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(60));

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TwoThousandArticles_WithEachServiceKilledAndRestartedMidway_EachEndsWithItsEntitiesAndForecastsExactlyOnce(string storage)
    {
        await using var postgres = storage == "postgres" ? await PostgresServer.StartAsync() : null;
        async Task<Dictionary<string, string>> StorageAsync(string name)
        {
            if (postgres is null)
            {
                return [];
            }

            await postgres.CreateDatabaseAsync(name.ToLowerInvariant());
            return new() { ["Storage__Provider"] = "postgres", [$"ConnectionStrings__{name}"] = postgres.ConnectionString(name.ToLowerInvariant()) };
        }

        await using var entities = await GrpcServiceProcess.StartAsync("Platform.Entities", Folder("entities"), await StorageAsync("Entities"));
        await using var predictions = await GrpcServiceProcess.StartAsync("Platform.Predictions", Folder("predictions"), await StorageAsync("Predictions"));
        var settings = await StorageAsync("Documents");
        settings["Dispatch__EntitiesAddress"] = entities.Address;
        settings["Dispatch__PredictionsAddress"] = predictions.Address;
        settings["Dispatch__InitialBackoff"] = "00:00:00.200";
        settings["Dispatch__MaxBackoff"] = "00:00:02";
        settings["Dispatch__LeaseDuration"] = "00:00:05"; // on PostgreSQL a killed service's claims wait for their lease
        await using var documents = await DocumentServiceProcess.StartAsync(Folder("documents"), settings);

        // 20 streams of 100; after the 5th, 10th and 15th the entity, prediction and document services in turn are
        // killed and restarted. A stream cut by the kill is sent again: its request ids make that safe.
        var ids = new List<string>();
        for (var stream = 0; stream < Articles / PerStream; stream++)
        {
            switch (stream)
            {
                case 5: await entities.CrashAndRestartAsync(); break;
                case 10: await predictions.CrashAndRestartAsync(); break;
                case 15: await documents.CrashAndRestartAsync(); break;
            }

            ids.AddRange(await SendAsync(documents, stream));
        }

        Assert.Equal(Articles, ids.Distinct().Count());
        await WaitUntilNothingPendingAsync(documents);
        var failed = await documents.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 5, ProcessingState = StageState.Failed }, Deadline);
        Assert.True(failed.Documents.Count == 0, $"failed stages: {failed.Documents.FirstOrDefault()?.Status}");

        // Entities exactly once: every article names Mosul twice, so its counts are exactly 2,000 documents and
        // 4,000 mentions (a repeated delivery counted twice, or a lost one, would show).
        var mosul = (await new EntityService.EntityServiceClient(entities.Channel).SearchEntitiesAsync(new SearchEntitiesRequest { Query = "Mosul", Limit = 1 }, Deadline)).Matches[0].Entity;
        var entity = await new EntityService.EntityServiceClient(entities.Channel).GetEntityAsync(new GetEntityRequest { Id = mosul.Id }, Deadline);
        Assert.Equal((2 * (long)Articles, (long)Articles), (entity.MentionCount, entity.DocumentCount));

        // Forecasts exactly once: every article has the same forecasts, so each has the same number, none repeated
        // (a repeated delivery that stored them twice would double one article's count).
        var forecasts = new PredictionService.PredictionServiceClient(predictions.Channel);
        var counts = new Dictionary<int, int>();
        foreach (var id in ids)
        {
            var found = await forecasts.ListPredictionsAsync(new ListPredictionsRequest { DocumentId = id, PageSize = 50 }, Deadline);
            Assert.Equal(found.Predictions.Count, found.Predictions.Select(p => p.Start).Distinct().Count());
            counts[found.Predictions.Count] = counts.GetValueOrDefault(found.Predictions.Count) + 1;
        }

        var (perArticle, articles) = Assert.Single(counts);
        Assert.True(perArticle >= 1, "no forecast found in the articles");
        Assert.Equal(Articles, articles);
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    private static IngestDocumentRequest Article(int number) => new()
    {
        Content = $"""
            Officials in Mosul said the bridge at crossing {number} would reopen by the end of 2027. Traffic through
            Mosul is likely to double within two years.

            The rest of report {number} describes the city's markets in detail.
            """,
        Outlet = "Fault Review",
        Authors = { $"Writer {number % 7}" },
        Published = "2026-05-01",
        RequestId = $"bulk-fault-{number}",
    };

    /// <summary>One stream of 100 articles; if the document service dies under it, the same stream is sent again.</summary>
    private static async Task<IEnumerable<string>> SendAsync(DocumentServiceProcess documents, int stream)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var call = documents.Client.IngestDocuments(Deadline);
                for (var i = stream * PerStream; i < (stream + 1) * PerStream; i++)
                {
                    await call.RequestStream.WriteAsync(Article(i));
                }

                await call.RequestStream.CompleteAsync();
                var reply = await call;
                Assert.Equal(0, reply.FailedCount);
                return reply.Results.Select(r => r.Ingested.Id);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task WaitUntilNothingPendingAsync(DocumentServiceProcess documents)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while ((await documents.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1, ProcessingState = StageState.Pending }, Deadline)).Documents
               is { Count: > 0 } pending)
        {
            Assert.True(DateTime.UtcNow < deadline, $"still pending after 5 minutes: {pending[0].Status}\n{documents.Output}");
            await Task.Delay(200);
        }
    }
}
