using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Platform.Entities.Recognition;
using Platform.Entities.Recognition.Lexicon;
using Platform.Predictions.Extraction;
using Platform.Predictions.V1;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// The prediction service's costs:
/// - extraction: articles per second on one thread (one core), ~1,000-word articles made from the forecast dev
///   corpus, with their entity mentions computed beforehand (the entity service sends them);
/// - GetScoreboard p50/p99 over gRPC with 1,000,000 forecasts by 10,000 predictors (SQLite), from the service's
///   cache and with the cache off, all time and over a 12-month window;
/// - one ResolvePrediction (its score sums included), p50/p99, on that database.
/// The database is seeded in bulk with SQL (forecasts, then the sums they imply), not through a million calls;
/// the test suite proves the incremental sums equal a recomputation.
/// </summary>
internal static partial class PredictionBenchmark
{
    private static readonly double[] Probabilities = [0.03, 0.12, 0.30, 0.40, 0.50, 0.70, 0.87, 0.90, 0.97];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(5);
        var forecasts = args.SkipWhile(a => a != "--forecasts").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(1_000_000);
        var articlesPerSecond = MeasureExtraction(seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RUN extraction_articles_per_sec_per_core={articlesPerSecond:F0}"));

        var data = Directory.CreateTempSubdirectory("bench-predictions-").FullName;
        try
        {
            await using (await StartAsync(data, cached: false))
            {
                // The first start creates the schema.
            }

            var seeded = Stopwatch.StartNew();
            Seed(Path.Combine(data, "predictions.db"), forecasts, predictors: 10_000);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {forecasts:N0} forecasts in {seeded.Elapsed.TotalSeconds:F1} s"));
            var results = new List<string> { string.Create(CultureInfo.InvariantCulture, $"extraction_articles_per_sec_per_core={articlesPerSecond:F0}") };
            foreach (var cached in new[] { true, false })
            {
                await using var service = await StartAsync(data, cached);
                using var channel = GrpcChannel.ForAddress(service.Address);
                var invoker = channel.Intercept(new DefaultDeadline(TimeSpan.FromSeconds(60)));
                var client = new PredictionService.PredictionServiceClient(invoker);
                var mode = cached ? "cached" : "uncached";
                var allTime = new GetScoreboardRequest { Group = ScoreGroup.Predictor, MinResolved = 5, Limit = 100 };
                var window = new GetScoreboardRequest { Group = ScoreGroup.Predictor, MinResolved = 5, Limit = 100, WindowStart = "2015-01", WindowEnd = "2016-01" };
                var (p50, p99) = await TimeAsync(() => client.GetScoreboardAsync(allTime, new CallOptions()).ResponseAsync, 500);
                var (w50, w99) = await TimeAsync(() => client.GetScoreboardAsync(window, new CallOptions()).ResponseAsync, cached ? 500 : 40);
                results.Add(string.Create(CultureInfo.InvariantCulture,
                    $"scoreboard_{mode}_p50_ms={p50:F2} scoreboard_{mode}_p99_ms={p99:F2} window_{mode}_p50_ms={w50:F2} window_{mode}_p99_ms={w99:F2}"));
                if (!cached)
                {
                    var next = 0;
                    var (r50, r99) = await TimeAsync(() => client.ResolvePredictionAsync(new ResolvePredictionRequest { Id = $"prd_{next++ * 997 % forecasts:D9}", Outcome = Outcome.True },
                        new CallOptions(new Grpc.Core.Metadata { { Platform.Contracts.CallerMetadata.Identity, "bench" } })).ResponseAsync, 300);
                    results.Add(string.Create(CultureInfo.InvariantCulture, $"resolve_p50_ms={r50:F2} resolve_p99_ms={r99:F2}"));
                }

                Console.WriteLine("RUN " + results[^1]);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"forecasts={forecasts} predictors=10000 ") + string.Join(' ', results));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static double MeasureExtraction(int seconds)
    {
        var recognizer = new EntityRecognizer(Lexicons.Default);
        var extractor = new ForecastExtractor();
        var articles = Articles().Select(text =>
        {
            var mentions = recognizer.Recognize(text).Entities.SelectMany(e => e.Mentions.Select(m => new MentionInput(m.Start, m.End, e.CanonicalName, e.CanonicalName, e.Kind)))
                .OrderBy(m => m.Start).ToList();
            return new ArticleInput(text, new DateOnly(2016, 10, 17), ["Bench Author"], mentions);
        }).ToList();
        if (articles.Sum(a => extractor.Extract(a).Count) == 0)
        {
            throw new InvalidOperationException("benchmark articles hold no forecasts");
        }

        long done = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var article in articles)
            {
                extractor.Extract(article);
                done++;
            }
        }

        return done / clock.Elapsed.TotalSeconds;
    }

    private static List<string> Articles()
    {
        var folder = Path.Combine(BuildArtifacts.RepositoryRoot(), "tests", "Platform.Predictions.Extraction.Tests", "Corpus", "dev");
        var articles = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.txt"))
        {
            var text = File.ReadAllText(file);
            var plain = Markup().Replace(text[(text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..], m => m.Groups[1].Value);
            var body = plain;
            while (body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length < 1000)
            {
                body += "\n\n" + plain;
            }

            articles.Add(string.Join(' ', body.Split(' ').Take(1000)));
        }

        return articles;
    }

    /// <summary>Forecasts spread over 10,000 predictors, 100 outlets and 36 months; 80 % resolved; then their sums and bins.</summary>
    private static void Seed(string path, int forecasts, int predictors)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var probability = "CASE i % 9 " + string.Concat(Probabilities.Select((p, k) => string.Create(CultureInfo.InvariantCulture, $"WHEN {k} THEN {p} "))) + "END";
        Execute(connection, transaction, $"""
            WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < {forecasts - 1})
            INSERT INTO predictions (id, document_id, quote, start_offset, end_offset, claim, predictor, predictor_key, attributed, outlet, hedge, band, probability,
                scale_version, non_directional, negated, horizon, deadline, review_date, condition_text, published_time, published_month, status, outcome, outcome_value,
                create_time, update_time)
            SELECT printf('prd_%09d', i), printf('doc_%07d', i / 10), 'q', 0, 1, 'claim ' || i, 'Predictor ' || (i % {predictors}), 'predictor ' || (i % {predictors}), 0,
                'Outlet ' || (i % 100), 'will', 'will', {probability}, 'icd203-2024.1', CASE WHEN i % 9 = 3 THEN 1 ELSE 0 END, 0, '', NULL, '2017-01-01', '',
                1420070400000 + (i % 36) * 2629800000, printf('%04d-%02d', 2015 + (i % 36) / 12, 1 + (i % 36) % 12),
                CASE WHEN i % 5 = 0 THEN 1 ELSE 3 END, CASE WHEN i % 5 = 0 THEN NULL WHEN (i * 7919) % 10 < 6 THEN 1 ELSE 2 END,
                CASE WHEN i % 5 = 0 THEN NULL WHEN (i * 7919) % 10 < 6 THEN 1.0 ELSE 0.0 END, 0, 0
            FROM seq
            """);
        var log = "CASE probability " + string.Concat(Probabilities.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"WHEN {p} THEN outcome_value * {Math.Log(Math.Clamp(p, 0.01, 0.99))} + (1 - outcome_value) * {Math.Log(1 - Math.Clamp(p, 0.01, 0.99))} "))) + "END";
        foreach (var (kind, key, name) in new[] { (1, "predictor_key", "predictor"), (2, "LOWER(outlet)", "outlet") })
        {
            foreach (var (month, directional) in new[] { ("''", 0), ("''", 1), ("published_month", 0), ("published_month", 1) })
            {
                var filter = directional == 1 ? "AND non_directional = 0" : "";
                Execute(connection, transaction, $"""
                    INSERT INTO score_sums (group_kind, group_key, month, directional, group_name, n, sum_p, sum_o, sum_sq, sum_log, hits, hit_n, vague, open_n)
                    SELECT {kind}, {key}, {month}, {directional}, MAX({name}),
                        SUM(status = 3), SUM(CASE WHEN status = 3 THEN probability ELSE 0 END), SUM(COALESCE(outcome_value, 0)),
                        SUM(CASE WHEN status = 3 THEN (probability - outcome_value) * (probability - outcome_value) ELSE 0 END),
                        SUM(CASE WHEN status = 3 THEN {log} ELSE 0 END),
                        SUM(status = 3 AND non_directional = 0 AND probability <> 0.5 AND (probability > 0.5) = (outcome_value > 0.5)),
                        SUM(status = 3 AND non_directional = 0 AND probability <> 0.5), SUM(status = 3 AND non_directional = 1),
                        CASE WHEN {month} = '' THEN SUM(status = 1) ELSE 0 END
                    FROM predictions WHERE 1 = 1 {filter} GROUP BY {key}, {month}
                    """);
                Execute(connection, transaction, $"""
                    INSERT INTO score_bins (group_kind, group_key, month, directional, bin, n, sum_p, sum_o)
                    SELECT {kind}, {key}, {month}, {directional}, MIN(9, CAST(probability * 10 AS INTEGER)), COUNT(*), SUM(probability), SUM(outcome_value)
                    FROM predictions WHERE status = 3 {filter} GROUP BY {key}, {month}, MIN(9, CAST(probability * 10 AS INTEGER))
                    """);
            }
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = 600;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task<GrpcServiceProcess> StartAsync(string data, bool cached) =>
        await GrpcServiceProcess.StartAsync("Platform.Predictions", data, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Cache__Enabled"] = cached ? "true" : "false",
        });

    private static async Task<(double P50, double P99)> TimeAsync(Func<Task> call, int count)
    {
        for (var i = 0; i < Math.Min(20, count); i++)
        {
            await call();
        }

        var samples = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        samples.Sort();
        return (samples[samples.Count / 2], samples[Math.Min(samples.Count - 1, (int)(samples.Count * 0.99))]);
    }

    [GeneratedRegex(@"\{\{[FN]\|(?:[^{}|]*\|)*([^{}|]*)\}\}")]
    private static partial Regex Markup();
}
