using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Text;
using StackExchange.Redis;

namespace Platform.Benchmarks;

/// <summary>
/// The platform's Redis path under the same load as redis-benchmark: Clients concurrent callers on ONE shared
/// StackExchange.Redis ConnectionMultiplexer, each issuing Pipeline async commands without awaiting (the multiplexer
/// pipelines them on its connection) and then awaiting them all before the next batch, on random keys
/// "key:NNNNNNNNNNNN" (the names redis-benchmark -r uses). Latency is per batch: from issuing its first command
/// until its last reply (per command when Pipeline is 1).
/// </summary>
internal sealed class RedisLoad
{
    private readonly IDatabase _database;
    private readonly IServer _server;
    private readonly RedisLoadOptions _options;
    private readonly RedisValue _value;

    public RedisLoad(IDatabase database, IServer server, RedisLoadOptions options)
    {
        _database = database;
        _server = server;
        _options = options;
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
        var server = await RedisServerStats.ReadAsync(_server);
        process.Refresh();
        var clientCpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        await DelayUntilAsync(end);
        server = await RedisServerStats.ReadAsync(_server) - server;
        process.Refresh();
        var clientCpuSeconds = (process.TotalProcessorTime - clientCpu).TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        await Task.WhenAll(workers);

        var operations = histogram.Count * _options.Pipeline;
        return new RedisRunResult("ours", op, operations / (double)_options.Seconds, histogram.PercentileMs(0.50), histogram.PercentileMs(0.99),
            operations, _options.Seconds, server, clientCpuSeconds / _options.Seconds, allocated / (double)Math.Max(1, operations));
    }

    /// <summary>
    /// "key:" and 12 digits, like redis-benchmark's key:__rand_int__ with -r KeySpace. Formatted per command as
    /// redis-benchmark does: a table of 100,000 pre-built keys costs a cache miss per command.
    /// </summary>
    private static byte[] RandomKey()
    {
        var key = new byte[16];
        "key:"u8.CopyTo(key);
        Utf8Formatter.TryFormat(Random.Shared.Next(RedisLoadOptions.KeySpace), key.AsSpan(4), out _, new StandardFormat('D', 12));
        return key;
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
                RedisKey key = RandomKey();
                batch[i] = set ? _database.StringSetAsync(key, _value) : _database.StringGetAsync(key);
            }

            // Every reply is awaited, in order: one connection answers in order, so once the first is in most of the
            // others are too and cost no continuation. (In short trials at pipeline 16, Task.WhenAll, which hooks one
            // on each, was ~20% slower; an IBatch no faster, with 20% more bytes per command and a higher p99.)
            foreach (var command in batch)
            {
                await command;
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
