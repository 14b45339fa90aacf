using Grpc.Core;
using Platform.Documents.V1;
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
        await using var pipeline = await IngestPipeline.StartAsync(_root, postgres);

        // 20 streams of 100; after the 5th, 10th and 15th the entity, prediction and document services in turn are
        // killed and restarted. A stream cut by the kill is sent again: its request ids make that safe.
        var ids = new List<string>();
        for (var stream = 0; stream < Articles / PerStream; stream++)
        {
            switch (stream)
            {
                case 5: await pipeline.Entities.CrashAndRestartAsync(); break;
                case 10: await pipeline.Predictions.CrashAndRestartAsync(); break;
                case 15: await pipeline.Documents.CrashAndRestartAsync(); break;
            }

            ids.AddRange(await SendAsync(pipeline.Documents, stream));
        }

        Assert.Equal(Articles, ids.Distinct().Count());
        await pipeline.WaitUntilAllProcessedAsync();
        await pipeline.AssertEachExactlyOnceAsync(ids, "Mosul");
    }

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
}
