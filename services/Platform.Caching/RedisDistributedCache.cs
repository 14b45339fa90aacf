using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Distributed;
using Platform.Redis;

namespace Platform.Caching;

/// <summary>
/// The standard <see cref="IDistributedCache"/> on the platform's Redis client. Each value is stored with a
/// 16-byte header (absolute expiry and sliding window, in Unix milliseconds) so that a read can slide the
/// expiry without a second lookup; the Redis TTL is always the earlier of the two.
/// </summary>
public sealed class RedisDistributedCache(RedisClient client, string keyPrefix, TimeProvider? time = null) : IDistributedCache
{
    private const int HeaderSize = 16;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var stored = await client.GetAsync(keyPrefix + key).WaitAsync(token);
        if (stored is null || stored.Length < HeaderSize)
        {
            return null;
        }

        await SlideAsync(key, stored);
        return stored[HeaderSize..];
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var now = _time.GetUtcNow();
        var absolute = options.AbsoluteExpiration
            ?? (options.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : null);
        if (absolute is { } a && a <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(options), a, "The absolute expiration is in the past.");
        }

        var sliding = options.SlidingExpiration;
        var payload = new byte[HeaderSize + value.Length];
        BinaryPrimitives.WriteInt64LittleEndian(payload, absolute?.ToUnixTimeMilliseconds() ?? 0);
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(8), (long)(sliding?.TotalMilliseconds ?? 0));
        value.CopyTo(payload, HeaderSize);
        await client.SetAsync(keyPrefix + key, payload, TimeToLive(now, absolute, sliding)).WaitAsync(token);
    }

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var stored = await client.GetAsync(keyPrefix + key).WaitAsync(token);
        if (stored is { Length: >= HeaderSize })
        {
            await SlideAsync(key, stored);
        }
    }

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await client.UnlinkAsync(keyPrefix + key).WaitAsync(token);
    }

    private async Task SlideAsync(string key, byte[] stored)
    {
        var slidingMs = BinaryPrimitives.ReadInt64LittleEndian(stored.AsSpan(8));
        if (slidingMs <= 0)
        {
            return;
        }

        var absoluteMs = BinaryPrimitives.ReadInt64LittleEndian(stored);
        var absolute = absoluteMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(absoluteMs) : (DateTimeOffset?)null;
        if (TimeToLive(_time.GetUtcNow(), absolute, TimeSpan.FromMilliseconds(slidingMs)) is { } ttl)
        {
            await client.ExpireAsync(keyPrefix + key, ttl);
        }
    }

    private static TimeSpan? TimeToLive(DateTimeOffset now, DateTimeOffset? absolute, TimeSpan? sliding)
    {
        var untilAbsolute = absolute - now;
        return (untilAbsolute, sliding) switch
        {
            ({ } a, { } s) => a < s ? a : s,
            ({ } a, null) => a,
            (null, { } s) => s,
            _ => null,
        };
    }
}
