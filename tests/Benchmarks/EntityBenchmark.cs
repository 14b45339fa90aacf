using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Platform.Entities.Recognition;
using Platform.Entities.Recognition.Lexicon;
using Platform.Entities.V1;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// The entity service's two costs:
/// - recognition throughput: words per second on one thread (one core) over ~1,000-word articles made from the
///   team's annotated dev corpus, recogniser and in-document coreference included (no database);
/// - ListMentions latency for one entity with 100,000 mentions (1,000 documents × 100), SQLite, through gRPC
///   from the service running as its own process: p50/p99 of the first page and of a page deep in the list.
/// </summary>
internal static partial class EntityBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(5);
        var (wordsPerSecond, articles) = MeasureRecognition(seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RUN recognition_words_per_sec_per_core={wordsPerSecond:F0} articles={articles}"));
        var (firstP50, firstP99, deepP50, deepP99, total) = await MeasureListMentionsAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"words_per_sec_per_core={wordsPerSecond:F0} list_mentions_total={total} first_page_p50_ms={firstP50:F2} first_page_p99_ms={firstP99:F2} deep_page_p50_ms={deepP50:F2} deep_page_p99_ms={deepP99:F2}"));
        return 0;
    }

    private static (double WordsPerSecond, int Articles) MeasureRecognition(int seconds)
    {
        var articles = Articles();
        var recognizer = new EntityRecognizer(Lexicons.Default);
        foreach (var article in articles)
        {
            // Warm-up (JIT, lexicons), and a guard: an article refused as not English would cost nothing.
            var warm = recognizer.Recognize(article);
            if (warm.SkippedReason is not null || warm.Entities.Count == 0)
            {
                throw new InvalidOperationException($"benchmark article not recognised: {warm.SkippedReason}");
            }
        }

        long words = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var article in articles)
            {
                words += recognizer.Recognize(article).WordCount;
            }
        }

        return (words / clock.Elapsed.TotalSeconds, articles.Count);
    }

    /// <summary>~1,000-word articles: the dev corpus without its markup, each document repeated to length.</summary>
    private static List<string> Articles()
    {
        var folder = Path.Combine(BuildArtifacts.RepositoryRoot(), "tests", "Platform.Entities.Recognition.Tests", "Corpus", "dev");
        var articles = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.txt"))
        {
            var plain = Markup().Replace(File.ReadAllText(file), m => m.Groups[1].Value);
            var text = plain;
            while (text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length < 1000)
            {
                text += "\n\n" + plain;
            }

            articles.Add(string.Join(' ', text.Split(' ').Take(1000))); // about 1,000 words; the recogniser counts them exactly
        }

        return articles;
    }

    private static async Task<(double, double, double, double, long)> MeasureListMentionsAsync()
    {
        var data = Directory.CreateTempSubdirectory("bench-entities-").FullName;
        try
        {
            var port = FreePort.Next();
            var environment = new Dictionary<string, string>
            {
                ["PLATFORM_DATA_DIR"] = data,
                ["Logging__LogLevel__Default"] = "Warning",
                ["ServiceDefaults__JsonConsoleLogs"] = "false",
            };
            await using var service = ChildProcess.StartDotnet("Platform.Entities", ["--urls", $"http://127.0.0.1:{port}"], environment);
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
            var invoker = channel.Intercept(new DefaultDeadline(TimeSpan.FromSeconds(60)));
            var extraction = new EntityExtraction.EntityExtractionClient(invoker);
            var entities = new EntityService.EntityServiceClient(invoker);
            var body = string.Join(' ', Enumerable.Repeat("Officials in Mosul said the road was open.", 100));
            string? entityId = null;
            for (var attempt = 0; entityId is null; attempt++)
            {
                try
                {
                    entityId = (await extraction.ExtractEntitiesAsync(new ExtractEntitiesRequest { DocumentId = "doc_0000", ContentSha256 = "0", Body = body }, new CallOptions())).Mentions[0].EntityId;
                }
                catch (Grpc.Core.RpcException) when (attempt < 100)
                {
                    await Task.Delay(200); // still starting
                }
            }

            var seeded = Stopwatch.StartNew();
            await Parallel.ForAsync(1, 1000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
                await extraction.ExtractEntitiesAsync(new ExtractEntitiesRequest
                {
                    DocumentId = $"doc_{i:D4}",
                    ContentSha256 = "0",
                    Body = body,
                    PublishedTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2016, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i)),
                }, new CallOptions(cancellationToken: ct)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded 100,000 mentions in {seeded.Elapsed.TotalSeconds:F1} s"));

            var first = new ListMentionsRequest { EntityId = entityId, PageSize = 100 };
            var deepToken = "";
            for (var page = 0; page < 500; page++)
            {
                deepToken = (await entities.ListMentionsAsync(new ListMentionsRequest { EntityId = entityId, PageSize = 100, PageToken = deepToken }, new CallOptions())).NextPageToken;
            }

            var deep = new ListMentionsRequest { EntityId = entityId, PageSize = 100, PageToken = deepToken };
            var total = (await entities.ListMentionsAsync(first, new CallOptions())).TotalSize;
            var (firstP50, firstP99) = await TimeAsync(() => entities.ListMentionsAsync(first, new CallOptions()).ResponseAsync);
            var (deepP50, deepP99) = await TimeAsync(() => entities.ListMentionsAsync(deep, new CallOptions()).ResponseAsync);
            return (firstP50, firstP99, deepP50, deepP99, total);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(double P50, double P99)> TimeAsync(Func<Task> call)
    {
        for (var i = 0; i < 50; i++)
        {
            await call();
        }

        var samples = new List<double>();
        for (var i = 0; i < 1000; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        samples.Sort();
        return (samples[samples.Count / 2], samples[(int)(samples.Count * 0.99)]);
    }

    [GeneratedRegex(@"\[\[([^\[\]|]+)\|[A-Z]+\|[a-z0-9\-]+\]\]")]
    private static partial Regex Markup();
}
