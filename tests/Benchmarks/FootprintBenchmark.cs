using System.Diagnostics;
using System.Globalization;
using Platform.Client;
using Platform.Client.Articles;
using Platform.Documents.V1;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// The whole platform as a user starts it: the Aspire app host (Release build) with its dashboard, on free ports.
/// Seconds to "Platform ready" on a fresh and on an existing data folder; resident memory (VmRSS) of every process
/// of the platform — app host, DCP (API server, controllers, monitors), dashboard, <c>dotnet run</c> wrappers,
/// services, redis-server — idle and after the sample corpus; end-to-end ingest throughput through the gateway
/// (1,000-word articles, SQLite, until every article's entities and forecasts are extracted); and seconds from
/// SIGTERM to the app host until every process of the platform is gone.
/// </summary>
internal static class FootprintBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var articles = Option(args, "--articles", 400);
        var warmRuns = Math.Max(1, Option(args, "--warm-runs", 3));
        var ingestOnly = args.Contains("--ingest-only");
        var single = args.Contains("--single-calls");
        var data = Directory.CreateTempSubdirectory("footprint-").FullName;
        var stops = new List<StopResult>();
        try
        {
            if (ingestOnly)
            {
                return await IngestOnlyAsync(data, articles, single, dashboard: !args.Contains("--no-dashboard"), postgres: args.Contains("--postgres"));
            }

            var fresh = await StartStopAsync(data, "fresh", stops);
            var warm = new List<double>();
            for (var i = 0; i < warmRuns; i++)
            {
                warm.Add(await StartStopAsync(data, "warm", stops));
            }

            await using var platform = await AppHostRun.StartAsync(data);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"START measured run ready_after_s={platform.ReadySeconds:F2}"));
            await Task.Delay(5000);
            var idle = platform.Processes.Scan();
            Print("idle", idle);

            using var client = PlatformClient.Create(new PlatformClientOptions
            {
                Gateway = new Uri($"http://127.0.0.1:{platform.GatewayPort}"), ApiKey = platform.ApiKey, DefaultTimeout = TimeSpan.FromSeconds(60),
            });
            var sample = Path.Combine(BuildArtifacts.RepositoryRoot(), "deploy", "sample-corpus");
            var loaded = await new CorpusLoader(client).LoadAsync(Path.Combine(sample, "articles"), Path.Combine(sample, "resolutions.jsonl"));
            var afterSample = platform.Processes.Scan();
            Print($"after the sample corpus ({loaded.Articles} articles)", afterSample);

            var (perSecond, seconds) = await MeasureIngestAsync(client, Path.Combine(sample, "articles"), articles, single);
            var afterIngest = platform.Processes.Scan();
            Print($"after {articles} more articles", afterIngest);
            PrintCpuPerArticle(afterSample, afterIngest, articles);

            var stop = await platform.StopAsync();
            Report("STOP after the ingest", stop);
            stops.Add(stop);

            var idleStops = stops.Take(stops.Count - 1).Select(s => s.AllGoneSeconds).Order().ToList();
            var readyWarm = warm.Order().ElementAt(warm.Count / 2);
            var servicesIdle = Services(idle);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GOALS ready_fresh {fresh:F1} s (<= 15 s: {Yes(fresh <= 15)}), ready_warm {readyWarm:F1} s (<= 5 s: {Yes(readyWarm <= 5)}), " +
                $"every service idle <= 120 MB: {Yes(servicesIdle.All(s => s.Megabytes <= 120))}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ready_fresh_s={fresh:F2} ready_warm_s={readyWarm:F2} processes={idle.Count} " +
                $"rss_total_idle_mb={Total(idle):F0} rss_total_after_sample_mb={Total(afterSample):F0} rss_total_after_ingest_mb={Total(afterIngest):F0} " +
                $"rss_services_idle_mb={Pairs(servicesIdle)} rss_services_after_sample_mb={Pairs(Services(afterSample))} " +
                $"rss_idle_mb={Pairs(Groups(idle))} rss_after_sample_mb={Pairs(Groups(afterSample))} " +
                $"ingest_articles={articles} ingest_seconds={seconds:F1} end_to_end_articles_per_s={perSecond:F0} " +
                $"stop_s={Seconds(stop.AllGoneSeconds)} stop_apphost_s={Seconds(stop.AppHostSeconds)} " +
                $"stop_idle_s={Seconds(idleStops.Count == 0 ? double.NaN : idleStops[idleStops.Count / 2])} " +
                $"stop_leftover={stops.Sum(s => s.Leftover.Count)}"));
            return stops.Any(s => s.Leftover.Count > 0) ? 1 : 0;
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A process killed late still held a file; the temp folder is cleaned up by the system.
            }
        }
    }

    /// <summary>
    /// Only the ingest (--ingest-only): one app host on a fresh data folder (no sample), SQLite or with --postgres
    /// PostgreSQL, the articles, and the CPU each group of processes spent per article — the quick loop for work on
    /// throughput.
    /// </summary>
    private static async Task<int> IngestOnlyAsync(string data, int articles, bool single, bool dashboard, bool postgres)
    {
        // With --postgres: a PostgreSQL cluster of its own (as the tests start one), the app host creating the databases.
        await using var database = postgres ? await PostgresServer.StartAsync() : null;
        await using var platform = await AppHostRun.StartAsync(data, dashboard, database?.ConnectionString("postgres").Replace("Database=postgres;", "", StringComparison.Ordinal));
        using var client = PlatformClient.Create(new PlatformClientOptions
        {
            Gateway = new Uri($"http://127.0.0.1:{platform.GatewayPort}"), ApiKey = platform.ApiKey, DefaultTimeout = TimeSpan.FromSeconds(60),
        });
        var folder = Path.Combine(BuildArtifacts.RepositoryRoot(), "deploy", "sample-corpus", "articles");
        await MeasureIngestAsync(client, folder, Math.Min(articles, 200), single, "warm-up "); // JIT and connections
        var before = platform.Processes.Scan();
        var (perSecond, seconds) = await MeasureIngestAsync(client, folder, articles, single);
        var after = platform.Processes.Scan();
        PrintCpuPerArticle(before, after, articles);
        Print($"after {articles} articles", after);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest_articles={articles} ingest_seconds={seconds:F1} end_to_end_articles_per_s={perSecond:F0} rss_services_mb={Pairs(Services(after))}"));
        await platform.StopAsync();
        return 0;
    }

    /// <summary>CPU milliseconds per article by group of processes, from /proc's utime+stime between two scans.</summary>
    private static void PrintCpuPerArticle(IReadOnlyList<PlatformProcess> before, IReadOnlyList<PlatformProcess> after, int articles)
    {
        var start = before.ToDictionary(p => p.Pid, p => p.CpuTicks);
        var perGroup = after.GroupBy(p => p.Group)
            .Select(g => (Group: g.Key, Milliseconds: g.Sum(p => p.CpuTicks - start.GetValueOrDefault(p.Pid)) * 1000.0 / ProcessCpu.TicksPerSecond / articles))
            .Where(g => g.Milliseconds > 0)
            .OrderByDescending(g => g.Milliseconds)
            .ToList();
        var groups = string.Join(", ", perGroup.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Group} {g.Milliseconds:F1} ms")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU per article: {perGroup.Sum(g => g.Milliseconds):F1} ms in all; {groups}"));
        Console.WriteLine("cpu_ms_per_article=" + string.Join(',', perGroup.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Group}:{g.Milliseconds:F2}"))));
    }

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(fallback);

    private static async Task<double> StartStopAsync(string data, string label, List<StopResult> stops)
    {
        var run = await AppHostRun.StartAsync(data);
        await using (run)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"START {label} ready_after_s={run.ReadySeconds:F2}"));
            var stop = await run.StopAsync();
            Report($"STOP {label}", stop);
            stops.Add(stop);
            return run.ReadySeconds;
        }
    }

    private static void Print(string label, IReadOnlyList<PlatformProcess> processes)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RSS {label}: {processes.Count} processes, {Total(processes):F0} MB in all"));
        foreach (var (group, count, megabytes) in PlatformProcesses.ByGroup(processes))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group,-18} {count,2} {(count == 1 ? "process  " : "processes")} {megabytes,6:F0} MB"));
        }
    }

    private static void Report(string label, StopResult stop)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: SIGTERM to the app host; app host gone after {Seconds(stop.AppHostSeconds)} s, all {stop.ProcessesBefore} processes gone after {Seconds(stop.AllGoneSeconds)} s"));
        foreach (var process in stop.Leftover)
        {
            Console.WriteLine($"  still running after 30 s (killed): {process.Group} pid {process.Pid}: {process.CommandLine}");
        }
    }

    private static double Total(IEnumerable<PlatformProcess> processes) => processes.Sum(p => p.ResidentMegabytes);

    private static List<(string Group, double Megabytes)> Groups(IEnumerable<PlatformProcess> processes) =>
        PlatformProcesses.ByGroup(processes).Select(g => (g.Group, g.Megabytes)).ToList();

    private static List<(string Group, double Megabytes)> Services(IEnumerable<PlatformProcess> processes)
    {
        var groups = Groups(processes);
        return PlatformProcesses.Services.Select(s => (s, groups.FirstOrDefault(g => g.Group == s).Megabytes)).ToList();
    }

    private static string Pairs(IEnumerable<(string Group, double Megabytes)> values) =>
        string.Join(',', values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Group}:{v.Megabytes:F0}")));

    private static string Seconds(double seconds) =>
        double.IsNaN(seconds) ? ">30" : seconds.ToString("F2", CultureInfo.InvariantCulture);

    private static string Yes(bool value) => value ? "yes" : "no";

    /// <summary>
    /// Unique ~1,000-word articles (sample bodies joined and numbered), timed until all are processed: sent through
    /// the bulk API (IngestDocuments, 4 streams of up to 100 articles at a time) or, with --single-calls, one
    /// IngestDocument per article from 8 callers.
    /// </summary>
    private static async Task<(double PerSecond, double Seconds)> MeasureIngestAsync(PlatformClient client, string folder, int count, bool single, string label = "")
    {
        var salt = Guid.NewGuid().ToString("N")[..8];
        var bodies = Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal)
            .Select(f => string.Join('\n', File.ReadAllText(f).Split("---", 3)[2].Trim()))
            .ToArray();
        var requests = Enumerable.Range(0, count).Select(i =>
        {
            var words = new List<string>();
            for (var k = 0; words.Count < 1000; k++)
            {
                words.AddRange(bodies[(i + k) % bodies.Length].Split(' '));
            }

            return new IngestDocumentRequest
            {
                Content = string.Join(' ', words.Take(1000)) + $"\n\nFiled as benchmark article {i} of run {salt}.",
                Format = ContentFormat.Markdown,
                Authors = { $"Benchmark Author {i % 20}" },
                Outlet = $"Benchmark Outlet {i % 5}",
                Published = "2022-05-01",
            };
        }).ToList();

        var clock = Stopwatch.StartNew();
        var ids = single ? await IngestOneByOneAsync(client, requests) : await IngestInBulkAsync(client, requests);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}INGEST {count} articles accepted in {clock.Elapsed.TotalSeconds:F1} s"));
        // Done when no document is waiting for a stage (one small query every 50 ms, so the polling itself costs
        // the services next to nothing); then every article is checked to have both stages DONE.
        while ((await client.Documents.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1, ProcessingState = StageState.Pending })).Documents.Count > 0)
        {
            await Task.Delay(50);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var batch in ids.Chunk(100))
        {
            var reply = await client.Documents.BatchGetDocumentsAsync(new BatchGetDocumentsRequest { Ids = { batch } });
            if (reply.Documents.FirstOrDefault(d => d.Status.Entities.State != StageState.Done || d.Status.Predictions.State != StageState.Done) is { } failed)
            {
                throw new InvalidOperationException($"Document {failed.Id} ended with entities {failed.Status.Entities.State} ({failed.Status.Entities.Reason}), predictions {failed.Status.Predictions.State} ({failed.Status.Predictions.Reason}).");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}INGEST {count} articles processed end to end in {seconds:F1} s ({count / seconds:F0}/s)"));
        return (count / seconds, seconds);
    }

    private static async Task<string[]> IngestOneByOneAsync(PlatformClient client, List<IngestDocumentRequest> requests)
    {
        var ids = new string[requests.Count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                ids[i] = (await client.Documents.IngestDocumentAsync(requests[i])).Document.Id;
            }
        }));
        return ids;
    }

    private static async Task<string[]> IngestInBulkAsync(PlatformClient client, List<IngestDocumentRequest> requests)
    {
        var batches = requests.Chunk(100).ToList();
        var replies = new IngestDocumentsResponse[batches.Count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count)
            {
                using var call = client.Documents.IngestDocuments();
                foreach (var request in batches[i])
                {
                    await call.RequestStream.WriteAsync(request);
                }

                await call.RequestStream.CompleteAsync();
                replies[i] = await call;
            }
        }));
        var failed = replies.SelectMany(r => r.Results).FirstOrDefault(r => r.Error is not null);
        return failed is null
            ? [.. replies.SelectMany(r => r.Results).Select(r => r.Ingested.Id)]
            : throw new InvalidOperationException($"Item {failed.Index} was refused: {failed.Error.Message}");
    }
}
