using System.Collections.Concurrent;
using Grpc.Core;
using Platform.Documents.V1;
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
        await using var pipeline = await IngestPipeline.StartAsync(_root, postgres);
        var documents = pipeline.Documents;

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

        await pipeline.WaitUntilAllProcessedAsync();
        await pipeline.AssertEachExactlyOnceAsync([.. ids.Values], "Basra");
    }

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
}
