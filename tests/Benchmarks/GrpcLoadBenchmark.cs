using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// Unary small-message throughput and latency of our server next to the C++ gRPC server (Debian's
/// libgrpc++ 1.51), under the same h2load load, alternating runs in one invocation, reported as medians
/// and ratios. Our server runs in this process, so its allocated bytes per call are measured too.
/// </summary>
internal static class GrpcLoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        var (payload, request) = await WritePayloadAsync();

        await using var ours = await BenchmarkServer.StartAsync(countStatuses: true);
        var maxSeconds = (options.Seconds + options.Warmup + 40) * options.Runs * 2 + 60;
        var (cppProcess, cppPort) = await Peers.StartCppServerAsync(maxSeconds);
        await using var cpp = cppProcess;

        // h2load only sees :status; check grpc-status once on each server with a real gRPC client.
        await PreflightAsync(ours.Port, request);
        await PreflightAsync(cppPort, request);

        var results = new List<H2Load.Result>();
        var oursBytes = new List<double>();
        var statuses = ours.Statuses;
        long notOk = 0;
        for (var run = 1; run <= options.Runs; run++)
        {
            var c = await H2Load.RunAsync("cpp", cppPort, payload, options);
            Print(run, c);
            results.Add(c);

            statuses.TakeCounts();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var o = await H2Load.RunAsync("ours", ours.Port, payload, options);
            var perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Math.Max(1, o.Succeeded);
            var (okCalls, cancelledCalls, failedCalls) = statuses.TakeCounts();
            notOk += failedCalls;
            oursBytes.Add(perCall);
            Print(run, o);
            Console.WriteLine($"RUN {run} target=ours server_grpc_ok={okCalls} server_grpc_cancelled_at_end={cancelledCalls} server_grpc_failed={failedCalls}");
            results.Add(o);
        }

        File.Delete(payload);
        var cppRuns = results.Where(r => r.Target == "cpp").ToList();
        var ourRuns = results.Where(r => r.Target == "ours").ToList();
        var failed = results.Sum(r => r.Failed);
        var line = string.Join(' ',
            $"conns={options.Connections} streams={options.Streams} seconds={options.Seconds} runs={options.Runs}",
            $"cpp_rps={Median(cppRuns, r => r.RequestsPerSecond):F0} ours_rps={Median(ourRuns, r => r.RequestsPerSecond):F0}",
            $"rps_ratio={Median(ourRuns, r => r.RequestsPerSecond) / Median(cppRuns, r => r.RequestsPerSecond):F2}",
            $"cpp_p50_ms={Median(cppRuns, r => r.P50Ms):F3} ours_p50_ms={Median(ourRuns, r => r.P50Ms):F3}",
            $"cpp_p99_ms={Median(cppRuns, r => r.P99Ms):F3} ours_p99_ms={Median(ourRuns, r => r.P99Ms):F3}",
            $"p99_ratio={Median(ourRuns, r => r.P99Ms) / Median(cppRuns, r => r.P99Ms):F2}",
            $"ours_server_bytes_per_call={oursBytes.Order().ElementAt(oursBytes.Count / 2):F0}",
            $"failed={failed} ours_grpc_failed={notOk}");
        Console.WriteLine(line);
        return failed == 0 && notOk == 0 ? 0 : 1;
    }

    private static void Print(int run, H2Load.Result r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RUN {run} target={r.Target} rps={r.RequestsPerSecond:F0} p50_ms={r.P50Ms:F3} p99_ms={r.P99Ms:F3} succeeded={r.Succeeded} failed={r.Failed}"));

    private static double Median(List<H2Load.Result> runs, Func<H2Load.Result, double> value) =>
        runs.Select(value).Order().ElementAt(runs.Count / 2);

    private static async Task PreflightAsync(int port, SimpleRequest request)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var response = await new TestService.TestServiceClient(channel).UnaryCallAsync(request, new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(10)));
        if (response.Payload.Body.Length != 100)
        {
            throw new InvalidOperationException($"Server on port {port} answered {response.Payload.Body.Length} bytes, expected 100.");
        }
    }

    /// <summary>The h2load request body: one 100-byte SimpleRequest in a gRPC frame, in a temporary file.</summary>
    public static async Task<(string Path, SimpleRequest Request)> WritePayloadAsync()
    {
        var (payload, request) = await WritePayloadAsync();
        return (payload, request);
    }

    private static byte[] Frame(byte[] message)
    {
        var frame = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }
}
