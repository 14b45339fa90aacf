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
/// as throughput ratios to direct and added p50/p99 latency, printed last as key=value.
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

        var maxSeconds = (options.Seconds + options.Warmup + 40) * options.Runs * 3 + 120;
        var (cppProcess, cppPort) = await Peers.StartCppServerAsync(maxSeconds);
        await using var cpp = cppProcess;
        await using var gateway = await GatewayProcess.StartAsync(new JsonObject
        {
            ["Clusters"] = new JsonObject
            {
                // The C++ peer has no grpc.health.v1 service, so only passive health applies.
                ["cpp"] = new JsonObject
                {
                    ["Destinations"] = new JsonObject { ["only"] = new JsonObject { ["Address"] = $"http://127.0.0.1:{cppPort}" } },
                    ["ActiveHealthCheck"] = new JsonObject { ["Enabled"] = false },
                },
            },
            ["Routes"] = new JsonObject
            {
                ["testing"] = new JsonObject
                {
                    ["PathPrefix"] = "/grpc.testing.TestService/",
                    ["Cluster"] = "cpp",
                    ["Methods"] = new JsonObject { ["UnaryCall"] = new JsonObject { ["Role"] = "reader", ["Public"] = true } },
                },
            },
            // The load comes from one address without a key: lift the anonymous rate limit for the benchmark.
            ["RateLimits"] = new JsonObject { ["PerAddressPerSecond"] = 10_000_000, ["PerAddressBurst"] = 10_000_000 },
        }, new Dictionary<string, string>(GatewaySettings()) { ["Logging__LogLevel__Default"] = "Warning" });
        await WarmUpAsync(gateway.Port, payload, options);
        await using var nginx = await NginxGrpcProxy.StartAsync(cppPort);

        foreach (var (name, port) in new[] { ("direct", cppPort), ("gateway", gateway.Port), ("nginx", nginx.Port) })
        {
            await PreflightAsync(name, port, request);
        }

        var results = new List<H2Load.Result>();
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var (name, port) in new[] { ("direct", cppPort), ("gateway", gateway.Port), ("nginx", nginx.Port) })
            {
                var result = await H2Load.RunAsync(name, port, payload, options);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"RUN {run} target={name} rps={result.RequestsPerSecond:F0} p50_ms={result.P50Ms:F3} p99_ms={result.P99Ms:F3} succeeded={result.Succeeded} failed={result.Failed}"));
                results.Add(result);
            }
        }

        File.Delete(payload);
        double Median(string target, Func<H2Load.Result, double> value) =>
            results.Where(r => r.Target == target).Select(value).Order().ElementAt(options.Runs / 2);

        var direct = Median("direct", r => r.RequestsPerSecond);
        var ours = Median("gateway", r => r.RequestsPerSecond);
        var theirs = Median("nginx", r => r.RequestsPerSecond);
        var failed = results.Sum(r => r.Failed);
        if (failed > 0)
        {
            Console.WriteLine("gateway log (last lines):\n" + string.Join('\n', gateway.Output.Split('\n').TakeLast(30)));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"conns={options.Connections} streams={options.Streams} seconds={options.Seconds} runs={options.Runs} " +
            $"direct_rps={direct:F0} gateway_rps={ours:F0} nginx_rps={theirs:F0} " +
            $"gateway_ratio={ours / direct:F2} nginx_ratio={theirs / direct:F2} " +
            $"gateway_added_p50_ms={Median("gateway", r => r.P50Ms) - Median("direct", r => r.P50Ms):F3} " +
            $"gateway_added_p99_ms={Median("gateway", r => r.P99Ms) - Median("direct", r => r.P99Ms):F3} " +
            $"nginx_added_p50_ms={Median("nginx", r => r.P50Ms) - Median("direct", r => r.P50Ms):F3} " +
            $"nginx_added_p99_ms={Median("nginx", r => r.P99Ms) - Median("direct", r => r.P99Ms):F3} failed={failed}"));
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Gateway settings to try, passed through as GATEWAY_BENCH_Section__Key=value.</summary>
    private static Dictionary<string, string> GatewaySettings() => Environment.GetEnvironmentVariables().Keys.Cast<string>()
        .Where(k => k.StartsWith("GATEWAY_BENCH_", StringComparison.Ordinal))
        .ToDictionary(k => k["GATEWAY_BENCH_".Length..], k => Environment.GetEnvironmentVariable(k)!);

    /// <summary>A few seconds of the same load first, so the gateway's JIT tiers up before anything is measured.</summary>
    private static async Task WarmUpAsync(int port, string payload, LoadOptions options)
    {
        var warm = await H2Load.RunAsync("warm-up", port, payload, options with { Seconds = 5, Warmup = 0 });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"WARM-UP gateway rps={warm.RequestsPerSecond:F0} (not counted)"));
    }

    private static async Task PreflightAsync(string name, int port, SimpleRequest request)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var response = await new TestService.TestServiceClient(channel).UnaryCallAsync(request, new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(10)));
        if (response.Payload.Body.Length != 100)
        {
            throw new InvalidOperationException($"{name} answered {response.Payload.Body.Length} bytes, expected 100.");
        }
    }
}

/// <summary>nginx in the foreground with its own config and runtime folder: listen http2, grpc_pass to one upstream.</summary>
internal sealed class NginxGrpcProxy : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _folder;

    private NginxGrpcProxy(ChildProcess process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public static async Task<NginxGrpcProxy> StartAsync(int upstreamPort)
    {
        var port = FreePort.Next();
        var folder = Directory.CreateTempSubdirectory("nginx-grpc-").FullName;
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            worker_processes 1;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              http2_max_requests 100000000;
              keepalive_requests 100000000;
              upstream backend { server 127.0.0.1:{{upstreamPort}}; keepalive 64; keepalive_requests 100000000; }
              server {
                listen 127.0.0.1:{{port}} http2;
                location / { grpc_pass grpc://backend; }
              }
            }
            """);
        var process = ChildProcess.Start("/usr/sbin/nginx", ["-p", folder, "-c", config, "-e", Path.Combine(folder, "error.log")]);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!IsListening(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("nginx did not start: " + process.Output + File.ReadAllText(Path.Combine(folder, "error.log")));
            }

            await Task.Delay(50);
        }

        return new NginxGrpcProxy(process, folder, port);
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
