using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// What a caller sees when one of two replicas is killed under load, with the gateway's retry of refused
/// connections off and on: 16 callers make unary calls through the gateway for a few seconds, replica A gets
/// SIGKILL a second in, and every failed call is counted by status. The measurement behind the gateway's retry
/// rule (see Proxy/ConnectRetryMiddleware.cs in the gateway).
/// </summary>
internal static class GatewayFailoverBenchmark
{
    private const int Callers = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 1 && args[0] == "--seconds" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var summary = new List<string>();
        foreach (var retry in new[] { false, true })
        {
            var (calls, failures) = await RunOnceAsync(retry, TimeSpan.FromSeconds(seconds));
            var byStatus = string.Join(',', failures.GroupBy(f => f).Select(g => $"{g.Key}:{g.Count()}"));
            Console.WriteLine($"RUN retry_refused={retry.ToString().ToLowerInvariant()} calls={calls} failed={failures.Count} statuses={(byStatus.Length == 0 ? "none" : byStatus)}");
            summary.Add($"{(retry ? "with_retry" : "without_retry")}_failed={failures.Count}");
        }

        Console.WriteLine($"callers={Callers} seconds={seconds} {string.Join(' ', summary)}");
        return 0;
    }

    private static async Task<(int Calls, List<StatusCode> Failures)> RunOnceAsync(bool retry, TimeSpan length)
    {
        var (replicaA, portA) = await StartReplicaAsync();
        var (replicaB, portB) = await StartReplicaAsync();
        await using var b = replicaB;
        var access = new JsonObject
        {
            ["grpc.testing.TestService"] = new JsonObject
            {
                ["Methods"] = new JsonObject { ["UnaryCall"] = new JsonObject { ["Role"] = "reader", ["Public"] = true } },
            },
        };
        await using var gateway = await GatewayProcess.StartAsync(GatewayProcess.Configuration(
            new JsonObject
            {
                ["Services"] = access,
                ["RateLimits"] = new JsonObject { ["PerAddressPerSecond"] = 10_000_000, ["PerAddressBurst"] = 10_000_000 },
            },
            routes: new JsonObject
            {
                ["testing"] = new JsonObject { ["ClusterId"] = "pair", ["Match"] = new JsonObject { ["Path"] = "/grpc.testing.TestService/{**method}" } },
            },
            clusters: new JsonObject { ["pair"] = GatewayProcess.Cluster($"http://127.0.0.1:{portA}", $"http://127.0.0.1:{portB}") }),
            new Dictionary<string, string>
            {
                ["Gateway__RetryRefusedConnections"] = retry ? "true" : "false",
                ["Logging__LogLevel__Default"] = "Warning",
            });

        using var channel = GrpcChannel.ForAddress(gateway.Address);
        var client = new TestService.TestServiceClient(channel);
        var request = new SimpleRequest { ResponseSize = 100, Payload = new Payload { Body = ByteString.CopyFrom(new byte[100]) } };
        var failures = new List<StatusCode>();
        var calls = 0;
        var end = DateTime.UtcNow + length;
        async Task Caller()
        {
            while (DateTime.UtcNow < end)
            {
                try
                {
                    await client.UnaryCallAsync(request, new CallOptions().WithDeadline(DateTime.UtcNow.AddSeconds(5)));
                }
                catch (RpcException e)
                {
                    lock (failures)
                    {
                        failures.Add(e.StatusCode);
                    }
                }

                Interlocked.Increment(ref calls);
            }
        }

        var callers = Enumerable.Range(0, Callers).Select(_ => Task.Run(Caller)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await replicaA.DisposeAsync(); // SIGKILL
        await Task.WhenAll(callers);
        return (calls, failures);
    }

    private static async Task<(ChildProcess Server, int Port)> StartReplicaAsync()
    {
        var port = FreePort.Next();
        var server = ChildProcess.StartDotnet("Platform.Interop.Server", [$"--port={port}"]);
        await server.WaitForLineAsync(l => l.Contains("listening", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        return (server, port);
    }
}
