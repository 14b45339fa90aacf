using System.Diagnostics;
using System.Globalization;
using System.Text;
using Platform.Redis;

namespace Platform.Benchmarks;

/// <summary>
/// Our client under the same load as redis-benchmark: Clients concurrent callers on ONE shared RedisClient,
/// each issuing Pipeline commands at once and awaiting them all before the next batch, on random keys
/// "key:NNNNNNNNNNNN" (the names redis-benchmark -r uses). Latency is per batch: from issuing its first
/// command until its last reply (per command when Pipeline is 1).
/// </summary>
internal sealed class RedisLoad
{
    private readonly RedisClient _client;
    private readonly RedisLoadOptions _options;
    private readonly byte[][] _keys;
    private readonly byte[] _value;

    public RedisLoad(RedisClient client, RedisLoadOptions options)
    {
        _client = client;
        _options = options;
        _keys = [.. Enumerable.Range(0, RedisLoadOptions.KeySpace)
            .Select(i => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"key:{i:D12}")))];
        _value = Encoding.ASCII.GetBytes(new string('x', options.ValueSize));
    }

    /// <summary>Runs WarmupSeconds + Seconds, counting the commands whose batch completed in the measured window.</summary>
    public async Task<RedisRunResult> RunAsync(string op)
    {
        var set = op == "SET";
        var histogram = new LatencyHistogram();
        var warmupEnd = Stopwatch.GetTimestamp() + RedisLoadOptions.WarmupSeconds * Stopwatch.Frequency;
        var end = warmupEnd + _options.Seconds * Stopwatch.Frequency;
        var workers = Enumerable.Range(0, _options.Clients)
            .Select(_ => Task.Run(() => WorkerAsync(set, warmupEnd, end, histogram)))
            .ToArray();

        using var process = Process.GetCurrentProcess();
        await DelayUntilAsync(warmupEnd);
        var serverCpu = await ServerCpuSecondsAsync(_client);
        process.Refresh();
        var clientCpu = process.TotalProcessorTime;
        await DelayUntilAsync(end);
        serverCpu = await ServerCpuSecondsAsync(_client) - serverCpu;
        process.Refresh();
        var clientCpuSeconds = (process.TotalProcessorTime - clientCpu).TotalSeconds;
        await Task.WhenAll(workers);

        var operations = histogram.Count * _options.Pipeline;
        return new RedisRunResult("ours", op, operations / (double)_options.Seconds, histogram.PercentileMs(0.50), histogram.PercentileMs(0.99),
            operations, _options.Seconds, serverCpu / _options.Seconds, clientCpuSeconds / _options.Seconds);
    }

    /// <summary>CPU seconds redis-server has used so far (user + system, from INFO cpu).</summary>
    public static async Task<double> ServerCpuSecondsAsync(RedisClient client)
    {
        var info = (await client.ExecuteAsync("INFO", "cpu")).AsString() ?? "";
        return info.Split('\n')
            .Select(line => line.Trim().Split(':'))
            .Where(pair => pair is ["used_cpu_sys" or "used_cpu_user", _])
            .Sum(pair => double.Parse(pair[1], CultureInfo.InvariantCulture));
    }

    private static Task DelayUntilAsync(long timestamp) =>
        Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), Math.Max(timestamp, Stopwatch.GetTimestamp())));

    private async Task WorkerAsync(bool set, long warmupEnd, long end, LatencyHistogram histogram)
    {
        var batch = new Task[_options.Pipeline];
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < batch.Length; i++)
            {
                var key = _keys[Random.Shared.Next(_keys.Length)];
                batch[i] = set ? _client.SetAsync(key, _value) : _client.GetAsync(key);
            }

            if (batch.Length == 1)
            {
                await batch[0];
            }
            else
            {
                await Task.WhenAll(batch);
            }

            var done = Stopwatch.GetTimestamp();
            if (done >= end)
            {
                return;
            }

            if (done >= warmupEnd)
            {
                histogram.Record(done - started);
            }
        }
    }
}
