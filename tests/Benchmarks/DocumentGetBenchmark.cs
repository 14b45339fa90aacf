using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Platform.Documents.V1;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// A cache hit served by a service: GetDocument over gRPC against the document service (a separate process),
/// with the value in the in-process L1, in Redis only (L1 off), or with no Redis (the in-process cache).
/// Also without any cache (SQLite and PostgreSQL reads). Reports p50/p99 per call from N concurrent callers, and
/// bulk-ingest throughput (500 articles of 1,000 words) on SQLite and on PostgreSQL.
/// </summary>
internal static class DocumentGetBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = ArgInt(args, "--seconds", 10, 1, 120);
        var clients = ArgInt(args, "--clients", 16, 1, 256);
        await using var redis = await RedisServer.StartAsync();
        await using var postgres = await PostgresServer.StartAsync();
        await postgres.CreateDatabaseAsync("documents");
        var results = new List<string>();
        foreach (var (mode, settings) in new (string, Dictionary<string, string>)[]
        {
            ("uncached", new() { ["Cache__Enabled"] = "false" }),
            ("local", []),
            ("redis_l1", new() { ["ConnectionStrings__Redis"] = redis.ConnectionString }),
            ("redis_only", new() { ["ConnectionStrings__Redis"] = redis.ConnectionString, ["Cache__L1MaxEntries"] = "0", ["Cache__KeyPrefix"] = "nol1" }),
            ("postgres_uncached", new()
            {
                ["Cache__Enabled"] = "false",
                ["Storage__Provider"] = "postgres",
                ["ConnectionStrings__Documents"] = postgres.ConnectionString("documents"),
            }),
        })
        {
            var data = Directory.CreateTempSubdirectory("bench-docs-").FullName;
            try
            {
                var port = FreePort.Next();
                var environment = new Dictionary<string, string>(settings)
                {
                    ["PLATFORM_DATA_DIR"] = data,
                    ["Logging__LogLevel__Default"] = "Warning",
                    ["ServiceDefaults__JsonConsoleLogs"] = "false",
                };
                await using var service = ChildProcess.StartDotnet("Platform.Documents", ["--urls", $"http://127.0.0.1:{port}"], environment);
                using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
                var invoker = channel.Intercept(new DefaultDeadline(TimeSpan.FromSeconds(30)));
                var client = new DocumentService.DocumentServiceClient(invoker);
                var (ids, ingestPerSecond) = await IngestAsync(client, mode is "uncached" or "postgres_uncached" ? 500 : 100);
                var (p50, p99, rps) = await MeasureGetsAsync(client, ids, clients, seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RUN mode={mode} get_p50_ms={p50:F3} get_p99_ms={p99:F3} get_rps={rps:F0} ingest_docs_per_sec={ingestPerSecond:F0}"));
                results.Add(string.Create(CultureInfo.InvariantCulture, $"{mode}_p50_ms={p50:F3} {mode}_p99_ms={p99:F3} {mode}_rps={rps:F0}"));
                if (mode is "uncached" or "postgres_uncached")
                {
                    var store = mode == "uncached" ? "sqlite" : "postgres";
                    results.Add(string.Create(CultureInfo.InvariantCulture, $"{store}_ingest_docs_per_sec={ingestPerSecond:F0}"));
                }
            }
            finally
            {
                Directory.Delete(data, recursive: true);
            }
        }

        Console.WriteLine($"clients={clients} seconds={seconds} " + string.Join(' ', results));
        return 0;
    }

    /// <summary>Bulk ingest of ~1,000-word articles through the client-streaming call.</summary>
    private static async Task<(List<string> Ids, double PerSecond)> IngestAsync(DocumentService.DocumentServiceClient client, int count)
    {
        await WaitUntilServingAsync(client);
        var started = Stopwatch.StartNew();
        using var call = client.IngestDocuments();
        for (var i = 0; i < count; i++)
        {
            await call.RequestStream.WriteAsync(new IngestDocumentRequest { Content = Article(i), Outlet = "Bench Post" });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;
        var perSecond = count / started.Elapsed.TotalSeconds;
        return ([.. response.Results.Select(r => r.Ingested.Id)], perSecond);
    }

    private static async Task<(double P50, double P99, double Rps)> MeasureGetsAsync(DocumentService.DocumentServiceClient client, List<string> ids, int clients, int seconds)
    {
        foreach (var id in ids)
        {
            await client.GetDocumentAsync(new GetDocumentRequest { Id = id }); // warm: every document is now cached
        }

        var latencies = new List<double>[clients];
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = latencies[c] = new List<double>(100_000);
            var random = new Random(c);
            while (!stop.IsCancellationRequested)
            {
                var t = Stopwatch.GetTimestamp();
                await client.GetDocumentAsync(new GetDocumentRequest { Id = ids[random.Next(ids.Count)] });
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (all[all.Length / 2], all[(int)Math.Ceiling(all.Length * 0.99) - 1], all.Length / started.Elapsed.TotalSeconds);
    }

    private static async Task WaitUntilServingAsync(DocumentService.DocumentServiceClient client)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                await client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1 });
                return;
            }
            catch (Grpc.Core.RpcException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("The document service did not start.");
    }

    private static string Article(int n)
    {
        var words = new[] { "forecast", "offensive", "city", "militia", "government", "displaced", "winter", "talks", "analysts", "likely" };
        var random = new Random(n);
        var paragraphs = Enumerable.Range(0, 10).Select(_ => string.Join(' ', Enumerable.Range(0, 100).Select(_ => words[random.Next(words.Length)])) + ".");
        return $"Article {n}.\n\n" + string.Join("\n\n", paragraphs);
    }

    private static int ArgInt(string[] args, string name, int fallback, int min, int max)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? Math.Clamp(v, min, max) : fallback;
    }
}
