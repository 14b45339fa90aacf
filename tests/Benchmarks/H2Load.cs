using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Benchmarks;

/// <summary>One bounded h2load run (Debian's nghttp2-client) against 127.0.0.1: gRPC unary calls or plain GETs.</summary>
internal static partial class H2Load
{
    /// <summary>
    /// <paramref name="Failed"/> is h2load's "failed" (non-2xx/3xx statuses and streams that broke; its "errored"
    /// is a part of it). <paramref name="BodyBytes"/> is every DATA byte received, warm-up included.
    /// </summary>
    public sealed record Result(string Target, double RequestsPerSecond, double P50Ms, double P99Ms, long Succeeded, long Failed, long BodyBytes)
    {
        /// <summary>
        /// h2load judges a response by its :status alone, and a gRPC error is a 200 whose trailers carry the
        /// grpc-status, with no message. When every good response is exactly <paramref name="bytesPerResponse"/>
        /// bytes of DATA, the "succeeded" calls that the bytes do not cover failed. Only exact without h2load's
        /// warm-up (its bytes count, its calls do not); up to connections × streams responses in flight when the
        /// run stops may still hide as many failures.
        /// </summary>
        public Result CountEmptyResponsesAsFailed(long bytesPerResponse)
        {
            var hidden = Math.Max(0, Succeeded - BodyBytes / bytesPerResponse);
            return this with { Succeeded = Succeeded - hidden, Failed = Failed + hidden };
        }
    }

    /// <summary>What each h2load request is: a POST of a framed gRPC message (HTTP/2 trailers expected), or a GET.</summary>
    public sealed record Call(string Path, string? PayloadFile)
    {
        public static Call GrpcUnary(string payloadFile) => new("/grpc.testing.TestService/UnaryCall", payloadFile);

        public static Call Get(string path) => new(path, null);
    }

    public static Task<Result> RunAsync(string target, int port, string payloadFile, LoadOptions options) =>
        RunAsync(target, port, Call.GrpcUnary(payloadFile), options);

    public static async Task<Result> RunAsync(string target, int port, Call call, LoadOptions options)
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
            foreach (var a in Arguments(port, call, options, log))
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
            var traffic = TrafficPattern().Match(stdout);
            var latencies = (await File.ReadAllLinesAsync(log))
                .Select(l => l.Split('\t'))
                .Where(p => p.Length >= 3)
                .Select(p => double.Parse(p[2], CultureInfo.InvariantCulture) / 1000.0)
                .Order()
                .ToArray();
            return new Result(target, rps, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
                long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
                long.Parse(requests.Groups[2].Value, CultureInfo.InvariantCulture),
                traffic.Success ? long.Parse(traffic.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
        }
        finally
        {
            File.Delete(log);
        }
    }

    private static List<string> Arguments(int port, Call call, LoadOptions options, string log)
    {
        List<string> arguments =
        [
            "-k", "5", (options.Seconds + options.Warmup + 30).ToString(CultureInfo.InvariantCulture), "h2load",
            "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
            "-m", options.Streams.ToString(CultureInfo.InvariantCulture),
            "-t", "1",
            "-D", options.Seconds.ToString(CultureInfo.InvariantCulture),
            "--warm-up-time", options.Warmup.ToString(CultureInfo.InvariantCulture),
            "--log-file", log,
        ];
        if (call.PayloadFile is { } payload)
        {
            arguments.AddRange(["-d", payload, "-H", "content-type: application/grpc", "-H", "te: trailers"]);
        }
        else
        {
            arguments.AddRange(["-H", "accept: application/json"]);
        }

        arguments.Add($"http://127.0.0.1:{port}{call.Path}");
        return arguments;
    }

    /// <summary>Nearest-rank percentile over every measured request.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    [GeneratedRegex(@"finished in [^,]+, ([0-9.]+) req/s")]
    private static partial Regex RequestsPerSecondPattern();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed, \d+ errored")]
    private static partial Regex RequestsPattern();

    [GeneratedRegex(@"traffic: .*\((\d+)\) data")]
    private static partial Regex TrafficPattern();
}
