using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Platform.Client;
using Platform.Client.Articles;
using Platform.Documents.V1;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// The whole platform as a user starts it (the AppHost, Release build): time to "Platform ready" on a fresh
/// and on an existing data folder, resident memory of every process idle and after the sample corpus, and
/// end-to-end ingest throughput through the gateway — 1,000-word articles, SQLite, until every article's
/// entities and forecasts are extracted.
/// </summary>
internal static class FootprintBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var articles = args.Length >= 2 && args[0] == "--articles" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400;
        var data = Directory.CreateTempSubdirectory("footprint-").FullName;
        var port = FreePort.Next();
        try
        {
            var fresh = await StartStopAsync(port, data);
            var warm = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                warm.Add(await StartStopAsync(port, data));
            }

            await using var platform = await AppHostRun.StartAsync(port, data);
            await Task.Delay(3000);
            var idle = platform.ResidentMegabytes();
            Print("idle", idle);

            using var client = PlatformClient.Create(new PlatformClientOptions { Gateway = new Uri($"http://127.0.0.1:{port}"), ApiKey = platform.ApiKey, DefaultTimeout = TimeSpan.FromSeconds(60) });
            var sample = Path.Combine(BuildArtifacts.RepositoryRoot(), "deploy", "sample-corpus");
            var loaded = await new CorpusLoader(client).LoadAsync(Path.Combine(sample, "articles"), Path.Combine(sample, "resolutions.jsonl"));
            var afterSample = platform.ResidentMegabytes();
            Print($"after_sample({loaded.Articles}_articles)", afterSample);

            var (perSecond, seconds) = await MeasureIngestAsync(client, Path.Combine(sample, "articles"), articles);
            var afterLoad = platform.ResidentMegabytes();
            Print($"after_{articles}_more", afterLoad);

            var memory = string.Join(' ', idle.Select(p => string.Create(CultureInfo.InvariantCulture, $"idle_mb_{p.Key}={p.Value:F0}"))
                .Concat(afterSample.Select(p => string.Create(CultureInfo.InvariantCulture, $"after_sample_mb_{p.Key}={p.Value:F0}"))));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ready_fresh_s={fresh:F2} ready_warm_s={warm.Order().ElementAt(1):F2} {memory} ingest_articles={articles} ingest_seconds={seconds:F1} end_to_end_articles_per_s={perSecond:F0}"));
            return 0;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static void Print(string label, IReadOnlyDictionary<string, double> resident) =>
        Console.WriteLine($"RSS {label}: " + string.Join(", ", resident.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F0} MB"))));

    private static async Task<double> StartStopAsync(int port, string data)
    {
        var clock = Stopwatch.StartNew();
        await using var run = await AppHostRun.StartAsync(port, data);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"START ready_after_s={seconds:F2}"));
        return seconds;
    }

    /// <summary>Unique ~1,000-word articles (sample bodies joined and numbered), 8 callers, timed until all are processed.</summary>
    private static async Task<(double PerSecond, double Seconds)> MeasureIngestAsync(PlatformClient client, string folder, int count)
    {
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
                Content = string.Join(' ', words.Take(1000)) + $"\n\nFiled as benchmark article {i}.",
                Format = ContentFormat.Markdown,
                Authors = { $"Benchmark Author {i % 20}" },
                Outlet = $"Benchmark Outlet {i % 5}",
                Published = "2022-05-01",
            };
        }).ToList();

        var clock = Stopwatch.StartNew();
        var ids = new string[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                ids[i] = (await client.Documents.IngestDocumentAsync(requests[i])).Document.Id;
            }
        }));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"INGEST {count} articles accepted in {clock.Elapsed.TotalSeconds:F1} s"));
        var pending = ids.ToHashSet();
        while (pending.Count > 0)
        {
            foreach (var batch in pending.Chunk(100).ToList())
            {
                var reply = await client.Documents.BatchGetDocumentsAsync(new BatchGetDocumentsRequest { Ids = { batch } });
                foreach (var document in reply.Documents)
                {
                    if (document.Status.Entities.State != StageState.Pending && document.Status.Predictions.State != StageState.Pending)
                    {
                        pending.Remove(document.Id);
                    }
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(100);
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"INGEST {count} articles processed end to end in {seconds:F1} s"));
        return (count / seconds, seconds);
    }
}

/// <summary>The AppHost as a child process: started, waited for, its children's memory read from /proc, stopped with SIGTERM.</summary>
internal sealed class AppHostRun : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private AppHostRun(ChildProcess process, string apiKey)
    {
        _process = process;
        ApiKey = apiKey;
    }

    public string ApiKey { get; }

    public static async Task<AppHostRun> StartAsync(int port, string data)
    {
        var process = ChildProcess.StartDotnet("Platform.AppHost", ["--gateway-port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", data, "--no-sample"]);
        await process.WaitForLineAsync(l => l.StartsWith("Platform ready", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        var key = process.Lines.First(l => l.StartsWith("API key: ", StringComparison.Ordinal))["API key: ".Length..];
        return new AppHostRun(process, key);
    }

    /// <summary>VmRSS of each service process (children of the host), in MB, by service.</summary>
    public Dictionary<string, double> ResidentMegabytes()
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var status = File.ReadAllLines(Path.Combine(folder, "status"));
                var parent = int.Parse(status.First(l => l.StartsWith("PPid:", StringComparison.Ordinal))[5..].Trim(), CultureInfo.InvariantCulture);
                if (parent != _process.Id)
                {
                    continue;
                }

                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
                var name = commandLine.Contains("redis-server", StringComparison.Ordinal) ? "redis"
                    : System.Text.RegularExpressions.Regex.Match(commandLine, @"Platform\.(\w+)\.dll").Groups[1].Value.ToLowerInvariant();
                var kilobytes = double.Parse(status.First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))[6..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                result[name] = kilobytes / 1024;
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Terminate();
        try
        {
            await _process.WaitForExitAsync(TimeSpan.FromSeconds(40));
        }
        finally
        {
            await _process.DisposeAsync();
        }
    }
}
