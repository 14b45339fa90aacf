using System.Diagnostics;
using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>
/// Bounded runs of redis-benchmark (Debian's redis-tools, the C client) against 127.0.0.1. It stops after a
/// request count, not a duration, so each measured run is sized from the rate of the run before it to last
/// about Seconds, after a warm-up run sized to last about WarmupSeconds.
/// </summary>
internal sealed class RedisBenchmarkTool(int port, RedisLoadOptions options)
{
    private readonly Dictionary<string, double> _opsPerSecond = [];

    public async Task<RedisRunResult> RunAsync(string op, Func<Task<RedisServerStats>> serverStats)
    {
        if (!_opsPerSecond.TryGetValue(op, out var rate))
        {
            rate = (await RunOnceAsync(op, Math.Max(10_000, options.Clients * options.Pipeline * 20))).OpsPerSecond;
        }

        var warmup = await RunOnceAsync(op, Requests(rate, RedisLoadOptions.WarmupSeconds));
        var before = await serverStats();
        var childCpu = ChildrenCpuSeconds();
        var result = await RunOnceAsync(op, Requests(warmup.OpsPerSecond, options.Seconds));
        childCpu = ChildrenCpuSeconds() - childCpu;
        var server = await serverStats() - before;
        _opsPerSecond[op] = result.OpsPerSecond;
        return result with { Server = server, ClientCpu = childCpu / result.Seconds };
    }

    /// <summary>
    /// CPU seconds of this process's finished children (cutime + cstime in /proc/self/stat, in 1/100 s): after a
    /// run, that includes the redis-benchmark that timeout waited for. redis-server is not finished, so not counted.
    /// </summary>
    private static double ChildrenCpuSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
    }

    private int Requests(double opsPerSecond, int seconds) =>
        (int)Math.Clamp(opsPerSecond * seconds, options.Clients * options.Pipeline, int.MaxValue);

    private async Task<RedisRunResult> RunOnceAsync(string op, int requests)
    {
        var info = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A hard cap on top of the request count: a load test must always stop by itself.
        foreach (var a in new[]
        {
            "-k", "5", (3 * options.Seconds + 30).ToString(CultureInfo.InvariantCulture), "redis-benchmark",
            "-h", "127.0.0.1",
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-t", op,
            "-c", options.Clients.ToString(CultureInfo.InvariantCulture),
            "-P", options.Pipeline.ToString(CultureInfo.InvariantCulture),
            "-n", requests.ToString(CultureInfo.InvariantCulture),
            "-d", options.ValueSize.ToString(CultureInfo.InvariantCulture),
            "-r", RedisLoadOptions.KeySpace.ToString(CultureInfo.InvariantCulture),
            "--csv",
        })
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start redis-benchmark.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-benchmark exited with {process.ExitCode}:\n{stdout}\n{await stderr}");
        }

        return Parse(op, requests, stdout);
    }

    /// <summary>
    /// Reads the CSV: a row per test, "SET","rps",...; redis-benchmark 6.2 and later put a header first that
    /// names the latency columns (p50_latency_ms, p99_latency_ms), older ones print only the rate.
    /// </summary>
    private static RedisRunResult Parse(string op, int requests, string csv)
    {
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(',').Select(cell => cell.Trim('"')).ToArray())
            .ToList();
        var header = rows.FirstOrDefault(r => r[0] == "test") ?? ["test", "rps"];
        var row = rows.FirstOrDefault(r => r[0].Equals(op, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No {op} row in redis-benchmark's output:\n{csv}");
        double Column(string name) => Array.IndexOf(header, name) is var i and >= 0 && i < row.Length
            ? double.Parse(row[i], CultureInfo.InvariantCulture)
            : double.NaN;

        var rps = double.Parse(row[1], CultureInfo.InvariantCulture);
        return new RedisRunResult("redis-benchmark", op, rps, Column("p50_latency_ms"), Column("p99_latency_ms"),
            requests, requests / rps, Server: null, ClientCpu: null);
    }
}
