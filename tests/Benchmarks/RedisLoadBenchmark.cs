using System.Globalization;
using System.Reflection;
using System.Text;
using Platform.Caching;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.Benchmarks;

/// <summary>
/// SET and GET throughput and latency of the platform's Redis path — StackExchange.Redis, one ConnectionMultiplexer
/// built from <see cref="RedisConnection.Options"/> as the services build theirs, async StringSet/StringGet — next
/// to redis-benchmark (the C client, one connection per client) at the same concurrency and pipelining, against the
/// same redis-server, alternating runs in one invocation, reported as medians and ratios.
/// </summary>
internal static class RedisLoadBenchmark
{
    private static readonly string[] Ops = ["SET", "GET"];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = RedisLoadOptions.Parse(args);
        await using var ownServer = options.Port is null ? await RedisServer.StartAsync() : null;
        var port = options.Port ?? ownServer!.Port;
        await using var multiplexer = await ConnectAsync(port, admin: false);
        // INFO is an admin command to StackExchange.Redis: the server's counters are read over a connection of their
        // own, so the measured one stays exactly as RedisConnection.Options makes it.
        await using var admin = await ConnectAsync(port, admin: true);
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var database = multiplexer.GetDatabase();
        await VerifyAsync(database, options.ValueSize);
        var library = typeof(ConnectionMultiplexer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        Console.WriteLine($"redis-server 127.0.0.1:{port} ({(ownServer is null ? "given" : "started here")}), StackExchange.Redis {library}, "
            + $"one ConnectionMultiplexer, protocol {multiplexer.GetServer(multiplexer.GetEndPoints()[0]).Protocol}");

        var ours = new RedisLoad(database, server, options);
        var reference = new RedisBenchmarkTool(port, options);
        var results = new List<RedisRunResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var op in Ops)
            {
                results.Add(Print(run, await reference.RunAsync(op, () => RedisServerStats.ReadAsync(server))));
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

    private static async Task<ConnectionMultiplexer> ConnectAsync(int port, bool admin)
    {
        var configuration = RedisConnection.Options($"127.0.0.1:{port}");
        configuration.AllowAdmin = admin;
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        // RedisConnection.Options never aborts on a failed connect (a service may start before Redis); a benchmark
        // without its server is an error, said at once.
        if (!multiplexer.IsConnected)
        {
            await multiplexer.DisposeAsync();
            throw new InvalidOperationException($"Cannot connect to redis-server at 127.0.0.1:{port}.");
        }

        return multiplexer;
    }

    private static async Task VerifyAsync(IDatabase database, int valueSize)
    {
        var key = $"platform-benchmark:check:{Guid.NewGuid():N}";
        var value = Encoding.ASCII.GetBytes(new string('v', valueSize));
        await database.StringSetAsync(key, value);
        var read = (byte[]?)await database.StringGetAsync(key);
        await database.KeyDeleteAsync(key);
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
