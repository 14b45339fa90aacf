namespace Platform.Redis;

/// <summary>The commands the platform uses, typed. Anything else goes through <see cref="RedisClient.ExecuteAsync"/>.</summary>
public sealed partial class RedisClient
{
    public async Task<byte[]?> GetAsync(RedisValue key) => (await ExecuteAsync("GET", key)).Bytes;

    public async Task<string?> GetStringAsync(RedisValue key) => (await ExecuteAsync("GET", key)).AsString();

    /// <summary>SET with an optional expiry (sent as PX, millisecond precision) and condition; false when NX/XX prevented it.</summary>
    public async Task<bool> SetAsync(RedisValue key, RedisValue value, TimeSpan? expiry = null, SetCondition condition = SetCondition.Always)
    {
        var args = new List<RedisValue>(5) { key, value };
        if (expiry is { } ttl)
        {
            if (ttl <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(expiry), ttl, "An expiry must be positive.");
            }

            args.Add("PX");
            args.Add((long)Math.Ceiling(ttl.TotalMilliseconds));
        }

        if (condition != SetCondition.Always)
        {
            args.Add(condition == SetCondition.NotExists ? "NX" : "XX");
        }

        return !(await ExecuteAsync("SET", [.. args])).IsNull;
    }

    /// <summary>Values in key order; null where a key does not exist.</summary>
    public async Task<byte[]?[]> MGetAsync(params RedisValue[] keys)
    {
        var reply = await ExecuteAsync("MGET", keys);
        return [.. reply.Elements!.Select(e => e.Bytes)];
    }

    public async Task<long> DeleteAsync(params RedisValue[] keys) => (await ExecuteAsync("DEL", keys)).Integer;

    /// <summary>Like DEL, but the server frees the memory in the background.</summary>
    public async Task<long> UnlinkAsync(params RedisValue[] keys) => (await ExecuteAsync("UNLINK", keys)).Integer;

    public async Task<long> IncrAsync(RedisValue key) => (await ExecuteAsync("INCR", key)).Integer;

    public async Task<long> IncrByAsync(RedisValue key, long by) => (await ExecuteAsync("INCRBY", key, by)).Integer;

    /// <summary>Sets a time to live (PEXPIRE); false if the key does not exist.</summary>
    public async Task<bool> ExpireAsync(RedisValue key, TimeSpan ttl) =>
        (await ExecuteAsync("PEXPIRE", key, (long)Math.Ceiling(ttl.TotalMilliseconds))).Integer == 1;

    /// <summary>Remaining time to live, or null when the key has none or does not exist.</summary>
    public async Task<TimeSpan?> TimeToLiveAsync(RedisValue key)
    {
        var ms = (await ExecuteAsync("PTTL", key)).Integer;
        return ms < 0 ? null : TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>How many of the keys exist (a key named twice counts twice).</summary>
    public async Task<long> ExistsAsync(params RedisValue[] keys) => (await ExecuteAsync("EXISTS", keys)).Integer;

    /// <summary>Publishes a message; returns how many subscribers received it.</summary>
    public async Task<long> PublishAsync(RedisValue channel, RedisValue message) => (await ExecuteAsync("PUBLISH", channel, message)).Integer;

    /// <summary>Round-trip time of a PING.</summary>
    public async Task<TimeSpan> PingAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await ExecuteAsync("PING");
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }
}
