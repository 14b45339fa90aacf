using System.ComponentModel.DataAnnotations;

namespace Platform.Caching;

/// <summary>Settings under the <c>Cache</c> configuration section. Redis itself comes from <c>ConnectionStrings:Redis</c>.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>False turns caching off: every read goes to the service's store (for diagnosis and benchmarks).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Prefix of every key and channel, so services can share one Redis. Defaults to the application name.</summary>
    public string? KeyPrefix { get; set; }

    /// <summary>Time to live of an entry in Redis when the caller gives none.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan DefaultTimeToLive { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest time an entry stays in the in-process L1 (never longer than its Redis TTL).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan L1TimeToLive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most entries held in L1.</summary>
    [Range(1, 10_000_000)]
    public int L1MaxEntries { get; set; } = 10_000;

    /// <summary>A Redis cache operation slower than this counts as a failure and the caller reads its own store.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Consecutive failures that open the circuit: Redis is then skipped entirely for <see cref="BreakDuration"/>.</summary>
    [Range(1, 1000)]
    public int FailuresToBreak { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an invalidation waits for every replica to confirm it dropped the entry from its L1.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan InvalidationAckTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
