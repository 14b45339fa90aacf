using System.Globalization;
using System.Text;
using Platform.Redis;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// SET and GET throughput and latency of our Redis client (one shared multiplexed connection) next to
/// redis-benchmark (the C client, one connection per client) at the same concurrency and pipelining,
/// against the same redis-server, alternating runs in one invocation, reported as medians and ratios.
/// </summary>
internal static class RedisLoadBenchmark
{
    private static readonly string[] Ops = ["SET", "GET"];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = RedisLoadOptions.Parse(args);
        await using var ownServer = options.Port is null ? await RedisServer.StartAsync() : null;
        var port = options.Port ?? ownServer!.Port;
        await using var client = await RedisClient.ConnectAsync($"127.0.0.1:{port}");
        await VerifyAsync(client, options.ValueSize);
        Console.WriteLine($"redis-server 127.0.0.1:{port} ({(ownServer is null ? "given" : "started here")}), protocol RESP{client.Protocol}");

        var ours = new RedisLoad(client, options);
        var reference = new RedisBenchmarkTool(port, options);
        var results = new List<RedisRunResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var op in Ops)
            {
                results.Add(Print(run, await reference.RunAsync(op, () => RedisServerStats.ReadAsync(client))));
            }

            foreach (var op in Ops)
            {
                results.Add(Print(run, await ours.RunAsync(op)));
            }
        }

        var line = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"clients={options.Clients} pipeline={options.Pipeline} value_size={options.ValueSize} seconds={options.Seconds} runs={options.Runs}"));
        foreach (var op in Ops)
        {
            var name = op == "SET" ? "set" : "get";
            var refRate = Median(results, "redis-benchmark", op, r => r.OpsPerSecond);
            var ourRate = Median(results, "ours", op, r => r.OpsPerSecond);
            line.Append(CultureInfo.InvariantCulture, $" {name}_ref={refRate:F0} {name}_ours={ourRate:F0} {name}_ratio={ourRate / refRate:F2}");
            line.Append(CultureInfo.InvariantCulture,
                $" {name}_ref_p50_ms={Median(results, "redis-benchmark", op, r => r.P50Ms):F3} {name}_ours_p50_ms={Median(results, "ours", op, r => r.P50Ms):F3}");
            line.Append(CultureInfo.InvariantCulture,
                $" {name}_ref_p99_ms={Median(results, "redis-benchmark", op, r => r.P99Ms):F3} {name}_ours_p99_ms={Median(results, "ours", op, r => r.P99Ms):F3}");
        }

        line.Append(CultureInfo.InvariantCulture, $" ops_per_sec={Median(results, "ours", "GET", r => r.OpsPerSecond):F0}");
        Console.WriteLine(line);
        return 0;
    }

    private static async Task VerifyAsync(RedisClient client, int valueSize)
    {
        var key = $"platform-benchmark:check:{Guid.NewGuid():N}";
        var value = Encoding.ASCII.GetBytes(new string('v', valueSize));
        await client.SetAsync(key, value);
        var read = await client.GetAsync(key);
        await client.DeleteAsync(key);
        if (read is null || !read.AsSpan().SequenceEqual(value))
        {
            throw new InvalidOperationException(
                $"Redis client check failed: SET {key} then GET returned {(read is null ? "nil" : $"{read.Length} other bytes")}.");
        }
    }

    private static RedisRunResult Print(int run, RedisRunResult r)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RUN {run} tool={r.Tool} op={r.Op} ops_per_sec={r.OpsPerSecond:F0} p50_ms={r.P50Ms:F3} p99_ms={r.P99Ms:F3} ops={r.Operations} seconds={r.Seconds:F1}")
            + (r.Server is { } s ? string.Create(CultureInfo.InvariantCulture, $" server_cpu={s.CpuSeconds / r.Seconds:F2} server_cmds_per_read={s.CommandsPerRead:F1}") : "")
            + (r.ClientCpu is { } cpu ? string.Create(CultureInfo.InvariantCulture, $" client_cpu={cpu:F2}") : "")
            + (r.ClientBytesPerOp is { } bytes ? string.Create(CultureInfo.InvariantCulture, $" client_bytes_per_op={bytes:F0}") : ""));
        return r;
    }

    private static double Median(List<RedisRunResult> results, string tool, string op, Func<RedisRunResult, double> value)
    {
        var values = results.Where(r => r.Tool == tool && r.Op == op).Select(value).Order().ToList();
        return values[values.Count / 2];
    }
}
