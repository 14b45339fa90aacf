using System.Collections.Concurrent;
using Grpc.Core;
using Platform.Documents.V1;
using Platform.Entities.V1;
using Platform.Predictions.V1;
using Platform.Testing;

namespace Platform.Documents.Tests;

/// <summary>
/// PostgreSQL restarted (fast shutdown, three seconds down) under a running ingest into the real document, entity and
/// prediction services: calls that meet the outage are answered UNAVAILABLE — never INTERNAL — so clients retry them;
/// the hand-offs retry by themselves; every article ends stored once, with its entities and forecasts exactly once.
/// </summary>
public sealed class PostgresRestartTests : IAsyncLifetime
{
    private const int Articles = 400;
    private const int InFlight = 8;
    private readonly string _root = Directory.CreateTempSubdirectory("pg-restart-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private static CallOptions Deadline => new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(60));

    [Fact]
    public async Task PostgresRestartedUnderIngest_CallsAreUnavailableAndRetried_AndNothingIsLostOrDoubled()
    {
        await using var postgres = await PostgresServer.StartAsync();
        async Task<Dictionary<string, string>> StorageAsync(string name)
        {
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
        await using var documents = await DocumentServiceProcess.StartAsync(Folder("documents"), settings);

        // One article at a time per worker, each retried on UNAVAILABLE with its request id; the restart starts once
        // a quarter of the articles are in.
        var refusals = new ConcurrentBag<StatusCode>();
        var ids = new ConcurrentDictionary<int, string>();
        var sent = 0;
        var restart = Task.Run(async () =>
        {
            while (Volatile.Read(ref sent) < Articles / 4)
            {
                await Task.Delay(20);
            }

            await postgres.RestartAsync(TimeSpan.FromSeconds(3));
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, Articles), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (number, cancellationToken) =>
        {
            var giveUp = DateTime.UtcNow.AddMinutes(2);
            while (true)
            {
                try
                {
                    var reply = await documents.Client.IngestDocumentAsync(Article(number), Deadline);
                    ids[number] = reply.Document.Id;
                    Interlocked.Increment(ref sent);
                    return;
                }
                catch (RpcException e) when (DateTime.UtcNow < giveUp)
                {
                    refusals.Add(e.StatusCode);
                    await Task.Delay(200, cancellationToken);
                }
            }
        });
        await restart;

        Assert.NotEmpty(refusals); // the restart was met
        Assert.All(refusals, code => Assert.Equal(StatusCode.Unavailable, code));
        Assert.Equal(Articles, ids.Values.Distinct().Count());

        await WaitUntilNothingPendingAsync(documents);
        var failed = await documents.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 5, ProcessingState = StageState.Failed }, Deadline);
        Assert.True(failed.Documents.Count == 0, $"failed stages: {failed.Documents.FirstOrDefault()?.Status}");

        // Every article names Basra twice: a lost or repeated entity delivery would change these counts.
        var catalog = new EntityService.EntityServiceClient(entities.Channel);
        var basra = (await catalog.SearchEntitiesAsync(new SearchEntitiesRequest { Query = "Basra", Limit = 1 }, Deadline)).Matches[0].Entity;
        var entity = await catalog.GetEntityAsync(new GetEntityRequest { Id = basra.Id }, Deadline);
        Assert.Equal((2L * Articles, (long)Articles), (entity.MentionCount, entity.DocumentCount));

        var forecasts = new PredictionService.PredictionServiceClient(predictions.Channel);
        var perArticle = new HashSet<int>();
        foreach (var id in ids.Values)
        {
            var found = await forecasts.ListPredictionsAsync(new ListPredictionsRequest { DocumentId = id, PageSize = 50 }, Deadline);
            Assert.Equal(found.Predictions.Count, found.Predictions.Select(p => p.Start).Distinct().Count());
            perArticle.Add(found.Predictions.Count);
        }

        Assert.True(Assert.Single(perArticle) >= 1, "no forecast found in the articles");
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    private static IngestDocumentRequest Article(int number) => new()
    {
        Content = $"""
            Port officials in Basra said berth {number} would reopen by the end of 2027. Container traffic through
            Basra is likely to double within two years.
            """,
        Outlet = "Restart Review",
        Authors = { $"Writer {number % 5}" },
        Published = "2026-05-01",
        RequestId = $"pg-restart-{number}",
    };

    private static async Task WaitUntilNothingPendingAsync(DocumentServiceProcess documents)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((await documents.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1, ProcessingState = StageState.Pending }, Deadline)).Documents
               is { Count: > 0 } pending)
        {
            Assert.True(DateTime.UtcNow < deadline, $"still pending after 3 minutes: {pending[0].Status}\n{documents.Output}");
            await Task.Delay(200);
        }
    }
}
