using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Benchmarks;

/// <summary>One bounded h2load run (Debian's nghttp2-client) of gRPC unary calls against 127.0.0.1.</summary>
internal static partial class H2Load
{
    public sealed record Result(string Target, double RequestsPerSecond, double P50Ms, double P99Ms, long Succeeded, long Failed);

    public static async Task<Result> RunAsync(string target, int port, string payloadFile, LoadOptions options)
    {
        var log = Path.GetTempFileName();
        try
        {
            var info = new ProcessStartInfo("timeout")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // A hard cap on top of h2load's own duration: a load test must always stop by itself.
            foreach (var a in new[]
            {
                "-k", "5", (options.Seconds + options.Warmup + 30).ToString(CultureInfo.InvariantCulture), "h2load",
                "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
                "-m", options.Streams.ToString(CultureInfo.InvariantCulture),
                "-t", "1",
                "-D", options.Seconds.ToString(CultureInfo.InvariantCulture),
                "--warm-up-time", options.Warmup.ToString(CultureInfo.InvariantCulture),
                "-d", payloadFile,
                "-H", "content-type: application/grpc",
                "-H", "te: trailers",
                "--log-file", log,
                $"http://127.0.0.1:{port}/grpc.testing.TestService/UnaryCall",
            })
            {
                info.ArgumentList.Add(a);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start h2load.");
            var stdout = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"h2load exited with {process.ExitCode}:\n{stdout}\n{await process.StandardError.ReadToEndAsync()}");
            }

            var rps = double.Parse(RequestsPerSecondPattern().Match(stdout).Groups[1].Value, CultureInfo.InvariantCulture);
            var requests = RequestsPattern().Match(stdout);
            var latencies = (await File.ReadAllLinesAsync(log))
                .Select(l => l.Split('\t'))
                .Where(p => p.Length >= 3)
                .Select(p => double.Parse(p[2], CultureInfo.InvariantCulture) / 1000.0)
                .Order()
                .ToArray();
            return new Result(target, rps, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
                long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
                long.Parse(requests.Groups[2].Value, CultureInfo.InvariantCulture) + long.Parse(requests.Groups[3].Value, CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(log);
        }
    }

    /// <summary>Nearest-rank percentile over every measured request.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    [GeneratedRegex(@"finished in [^,]+, ([0-9.]+) req/s")]
    private static partial Regex RequestsPerSecondPattern();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed, (\d+) errored")]
    private static partial Regex RequestsPattern();
}
