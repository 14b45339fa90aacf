using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// The gateway's overhead: the same h2load unary load straight to the C++ gRPC server, through our gateway,
/// and through nginx's grpc_pass (1 worker, upstream keepalive 64), alternating in one invocation. Reported
/// as throughput ratios to direct, added p50/p99 latency and CPU per forwarded call (from /proc). A REST row
/// does the same with GET /v1/documents/{id} straight to the document service (which transcodes to JSON) and
/// through the gateway. Printed last as key=value.
/// </summary>
internal static class GatewayBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        if (!File.Exists("/usr/sbin/nginx"))
        {
            Console.Error.WriteLine("nginx is not installed: apt-get install --no-install-recommends nginx (the benchmark runs its own instance on loopback).");
            return 2;
        }

        var payload = Path.GetTempFileName();
        var request = new SimpleRequest { ResponseSize = 100, Payload = new Payload { Body = ByteString.CopyFrom(new byte[100]) } };
        var message = request.ToByteArray();
        var frame = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        await File.WriteAllBytesAsync(payload, frame);

        var maxSeconds = (options.Seconds + options.Warmup + 40) * options.Runs * 5 + 180;
        var (cppProcess, cppPort) = await Peers.StartCppServerAsync(maxSeconds);
        await using var cpp = cppProcess;
        await using var documents = await DocumentsBackend.StartAsync();
        await using var gateway = await StartGatewayAsync(cppPort, documents.Service.Address);
        await using var nginx = await NginxGrpcProxy.StartAsync(cppPort);

        var grpcResponseBytes = 0L;
        foreach (var (name, port) in new[] { ("direct", cppPort), ("gateway", gateway.Port), ("nginx", nginx.Port) })
        {
            grpcResponseBytes = await PreflightAsync(name, port, request);
        }

        var restDirectBytes = await documents.PreflightAsync("rest_direct", documents.Service.Port);
        var restGatewayBytes = await documents.PreflightAsync("rest_gateway", gateway.Port);
        await WarmUpAsync(gateway.Port, payload, documents.DocumentPath, options);

        var cppCpu = new ProcessCpu("cpp", cpp.Id);
        var gatewayCpu = ProcessCpu.FindChild("gateway", "Platform.Gateway", $"127.0.0.1:{gateway.Port} ");
        var documentsCpu = documents.Cpu();
        var grpc = H2Load.Call.GrpcUnary(payload);
        var rest = H2Load.Call.Get(documents.DocumentPath);
        LoadTarget[] targets =
        [
            new("direct", cppPort, grpc, grpcResponseBytes, null, cppCpu),
            new("gateway", gateway.Port, grpc, grpcResponseBytes, gatewayCpu, cppCpu),
            new("nginx", nginx.Port, grpc, grpcResponseBytes, new ProcessCpu("nginx", nginx.ProcessId), cppCpu),
            new("rest_direct", documents.Service.Port, rest, restDirectBytes, null, documentsCpu),
            new("rest_gateway", gateway.Port, rest, restGatewayBytes, gatewayCpu, documentsCpu),
        ];

        var results = new List<Measurement>();
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var target in targets)
            {
                var measured = await target.MeasureAsync(options);
                var result = measured.Load;
                var proxy = target.Proxy is null ? "" : $" {target.Proxy.Name}_cpu_us_per_call={measured.ProxyCpuUsPerCall:F1}";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"RUN {run} target={target.Name} rps={result.RequestsPerSecond:F0} p50_ms={result.P50Ms:F3} p99_ms={result.P99Ms:F3} succeeded={result.Succeeded} failed={result.Failed}") +
                    string.Create(CultureInfo.InvariantCulture, $"{proxy} {target.Backend.Name}_cpu_us_per_call={measured.BackendCpuUsPerCall:F1}"));
                results.Add(measured);
            }
        }

        File.Delete(payload);
        double Median(string target, Func<Measurement, double> value) =>
            results.Where(r => r.Load.Target == target).Select(value).Order().ElementAt(options.Runs / 2);
        double Rps(string target) => Median(target, r => r.Load.RequestsPerSecond);
        double P50(string target) => Median(target, r => r.Load.P50Ms);
        double P99(string target) => Median(target, r => r.Load.P99Ms);
        double ProxyCpu(string target) => Median(target, r => r.ProxyCpuUsPerCall);
        double BackendCpu(string target) => Median(target, r => r.BackendCpuUsPerCall);

        var failed = results.Sum(r => r.Load.Failed);
        if (failed > 0)
        {
            Console.WriteLine("gateway log (last lines):\n" + string.Join('\n', gateway.Output.Split('\n').TakeLast(30)));
            Console.WriteLine("document service log (last lines):\n" + string.Join('\n', documents.Service.Output.Split('\n').TakeLast(15)));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"conns={options.Connections} streams={options.Streams} seconds={options.Seconds} runs={options.Runs} " +
            $"direct_rps={Rps("direct"):F0} gateway_rps={Rps("gateway"):F0} nginx_rps={Rps("nginx"):F0} " +
            $"gateway_ratio={Rps("gateway") / Rps("direct"):F2} nginx_ratio={Rps("nginx") / Rps("direct"):F2} " +
            $"gateway_added_p50_ms={P50("gateway") - P50("direct"):F3} gateway_added_p99_ms={P99("gateway") - P99("direct"):F3} " +
            $"nginx_added_p50_ms={P50("nginx") - P50("direct"):F3} nginx_added_p99_ms={P99("nginx") - P99("direct"):F3} " +
            $"gateway_cpu_us_per_call={ProxyCpu("gateway"):F1} nginx_cpu_us_per_call={ProxyCpu("nginx"):F1} backend_cpu_us_per_call={BackendCpu("direct"):F1} " +
            $"rest_direct_rps={Rps("rest_direct"):F0} rest_gateway_rps={Rps("rest_gateway"):F0} rest_ratio={Rps("rest_gateway") / Rps("rest_direct"):F2} " +
            $"rest_gateway_added_p50_ms={P50("rest_gateway") - P50("rest_direct"):F3} rest_gateway_added_p99_ms={P99("rest_gateway") - P99("rest_direct"):F3} " +
            $"rest_gateway_cpu_us_per_call={ProxyCpu("rest_gateway"):F1} rest_service_cpu_us_per_call={BackendCpu("rest_direct"):F1} " +
            $"rest_body_bytes={restDirectBytes} failed={failed}"));
        return failed == 0 ? 0 : 1;
    }

    private static Task<GatewayProcess> StartGatewayAsync(int cppPort, string documentsAddress)
    {
        // The C++ peer has no HTTP readiness endpoint, so only passive health applies.
        var cluster = GatewayProcess.Cluster($"http://127.0.0.1:{cppPort}");
        cluster["HealthCheck"]!["Active"]!["Enabled"] = false;
        return GatewayProcess.StartAsync(GatewayProcess.Configuration(
            new JsonObject
            {
                ["Services"] = new JsonObject
                {
                    ["grpc.testing.TestService"] = new JsonObject
                    {
                        ["Methods"] = new JsonObject { ["UnaryCall"] = new JsonObject { ["Role"] = "reader", ["Public"] = true } },
                    },
                },
                // The load comes from one address without a key: lift the anonymous rate limit for the benchmark.
                ["RateLimits"] = new JsonObject { ["PerAddressPerSecond"] = 10_000_000, ["PerAddressBurst"] = 10_000_000 },
            },
            routes: new JsonObject
            {
                ["testing"] = new JsonObject { ["ClusterId"] = "cpp", ["Match"] = new JsonObject { ["Path"] = "/grpc.testing.TestService/{**method}" } },
            },
            // appsettings.json routes the document service's gRPC calls and REST's /v1/{**path} to "documents".
            clusters: new JsonObject { ["cpp"] = cluster, ["documents"] = GatewayProcess.Cluster(documentsAddress) }),
            new Dictionary<string, string>(GatewaySettings()) { ["Logging__LogLevel__Default"] = "Warning" });
    }

    /// <summary>Gateway settings to try, passed through as GATEWAY_BENCH_Section__Key=value.</summary>
    private static Dictionary<string, string> GatewaySettings() => Environment.GetEnvironmentVariables().Keys.Cast<string>()
        .Where(k => k.StartsWith("GATEWAY_BENCH_", StringComparison.Ordinal))
        .ToDictionary(k => k["GATEWAY_BENCH_".Length..], k => Environment.GetEnvironmentVariable(k)!);

    /// <summary>A few seconds of each load through the gateway first, so its JIT (and the service's) tiers up before anything is measured.</summary>
    private static async Task WarmUpAsync(int port, string payload, string documentPath, LoadOptions options)
    {
        var warm = options with { Seconds = 5, Warmup = 0 };
        var grpc = await H2Load.RunAsync("warm-up", port, H2Load.Call.GrpcUnary(payload), warm);
        var rest = await H2Load.RunAsync("warm-up", port, H2Load.Call.Get(documentPath), warm);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"WARM-UP gateway rps={grpc.RequestsPerSecond:F0} rest_rps={rest.RequestsPerSecond:F0} (not counted)"));
    }

    /// <summary>One call with a real gRPC client (h2load sees only :status); the DATA bytes of the response, prefix included.</summary>
    private static async Task<long> PreflightAsync(string name, int port, SimpleRequest request)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var response = await new TestService.TestServiceClient(channel).UnaryCallAsync(request, new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(10)));
        if (response.Payload.Body.Length != 100)
        {
            throw new InvalidOperationException($"{name} answered {response.Payload.Body.Length} bytes, expected 100.");
        }

        return 5 + response.CalculateSize();
    }
}
