using System.Globalization;
using Platform.Testing.Otlp;

namespace Platform.Benchmarks;

/// <summary>
/// What the platform's service set-up costs per call, under the same h2load load as grpc-load, three servers in
/// this process (one at a time), alternating runs, medians: Grpc.AspNetCore bare; with the platform's service and gRPC defaults
/// and no OTLP endpoint (telemetry off, the default); and with OpenTelemetry on, exporting traces and metrics to a
/// local OTLP/HTTP receiver. Shows whether "no exporter, no per-call telemetry cost" still holds.
/// </summary>
internal static class GrpcTelemetryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        var (payload, _) = await GrpcLoadBenchmark.WritePayloadAsync();

        await using var receiver = await OtlpReceiver.StartAsync();
        // One server at a time, started afresh for each run: OpenTelemetry's ASP.NET Core instrumentation listens to
        // every request in the process, so a telemetry server running beside the others would trace them too.
        var profiles = new (string Name, Func<Task<BenchmarkServer>> Start)[]
        {
            ("bare", () => BenchmarkServer.StartAsync()),
            ("defaults", () => BenchmarkServer.StartAsync(platformDefaults: true)),
            ("telemetry", () => BenchmarkServer.StartAsync(platformDefaults: true, otlpEndpoint: receiver.Endpoint)),
        };
        try
        {
            var results = profiles.ToDictionary(p => p.Name, _ => new List<H2Load.Result>());
            for (var run = 1; run <= options.Runs; run++)
            {
                foreach (var (name, start) in profiles)
                {
                    await using var server = await start();
                    var result = await H2Load.RunAsync(name, server.Port, payload, options);
                    results[name].Add(result);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"RUN {run} target={name} rps={result.RequestsPerSecond:F0} p50_ms={result.P50Ms:F3} p99_ms={result.P99Ms:F3} failed={result.Failed}"));
                }
            }

            double Median(string name, Func<H2Load.Result, double> value) => results[name].Select(value).Order().ElementAt(results[name].Count / 2);
            var exported = receiver.Spans().Count(span => span.Service.Length > 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"conns={options.Connections} streams={options.Streams} seconds={options.Seconds} runs={options.Runs} " +
                $"bare_rps={Median("bare", r => r.RequestsPerSecond):F0} defaults_rps={Median("defaults", r => r.RequestsPerSecond):F0} " +
                $"telemetry_rps={Median("telemetry", r => r.RequestsPerSecond):F0} " +
                $"defaults_ratio={Median("defaults", r => r.RequestsPerSecond) / Median("bare", r => r.RequestsPerSecond):F2} " +
                $"telemetry_ratio={Median("telemetry", r => r.RequestsPerSecond) / Median("bare", r => r.RequestsPerSecond):F2} " +
                $"bare_p99_ms={Median("bare", r => r.P99Ms):F3} defaults_p99_ms={Median("defaults", r => r.P99Ms):F3} " +
                $"telemetry_p99_ms={Median("telemetry", r => r.P99Ms):F3} spans_exported={exported}"));
            var failed = results.Values.Sum(r => r.Sum(x => x.Failed));
            return failed == 0 && exported > 0 ? 0 : 1;
        }
        finally
        {
            File.Delete(payload);
        }
    }
}
