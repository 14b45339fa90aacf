using System.Diagnostics;

namespace Platform.Benchmarks;

/// <summary>Latencies in 1 µs buckets up to 100 ms (slower ones share the last bucket); many threads may record at once.</summary>
internal sealed class LatencyHistogram
{
    private const int Buckets = 100_000;
    private readonly long[] _counts = new long[Buckets + 1];

    public void Record(long stopwatchTicks) =>
        Interlocked.Increment(ref _counts[Math.Min(stopwatchTicks * 1_000_000 / Stopwatch.Frequency, Buckets)]);

    public long Count => _counts.Sum();

    /// <summary>Nearest-rank percentile, in milliseconds.</summary>
    public double PercentileMs(double p)
    {
        var total = Count;
        if (total == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(p * total));
        long seen = 0;
        for (var us = 0; us < _counts.Length; us++)
        {
            seen += _counts[us];
            if (seen >= rank)
            {
                return us / 1000.0;
            }
        }

        return Buckets / 1000.0;
    }
}
