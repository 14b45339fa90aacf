using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Platform.Caching.Internal;

/// <summary>
/// The cache with Redis behind it. A read looks in L1 (only while invalidations are being received), then
/// Redis, then the loader — one loader per key in this process, the others wait for it. Keys carry their
/// namespace's version, so bumping the version retires a whole namespace at once.
/// </summary>
internal sealed class RedisPlatformCache : IPlatformCache, IDisposable
{
    private readonly GuardedRedis _redis;
    private readonly InvalidationBus _bus;
    private readonly CacheOptions _options;
    private readonly string _prefix;
    private readonly MemoryCache _l1;
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly SingleFlight _loads = new();

    // Keys are ids and names without line breaks, so one message can carry many.
    private const char ManyKeysSeparator = '\n';

    public RedisPlatformCache(GuardedRedis redis, InvalidationBus bus, CacheOptions options, string prefix)
    {
        _redis = redis;
        _bus = bus;
        _options = options;
        _prefix = prefix;
        _l1 = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.L1MaxEntries });
        bus.Received += OnInvalidation;
        bus.Resubscribed += ClearL1;
    }

    public async Task<T> GetOrLoadAsync<T>(string cacheNamespace, string key, CacheCodec<T> codec,
        Func<CancellationToken, Task<T>> loader, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(loader);
        // Without a version Redis is unavailable: the store answers (still one load per key), nothing is cached.
        var version = await NamespaceVersionAsync(cacheNamespace, cancellationToken);
        var fullKey = version is { } v ? FullKey(cacheNamespace, v, key) : $"{_prefix}:{cacheNamespace}:uncached:{key}";
        if (version is not null && _bus.IsActive && _l1.TryGetValue(fullKey, out byte[]? cached) && cached is not null)
        {
            return codec.Decode(cached);
        }

        // One load per key in this process; later callers share it (stampede protection).
        var ttl = timeToLive ?? _options.DefaultTimeToLive;
        var bytes = await _loads.RunAsync(fullKey, load => version is null
            ? LoadUncachedAsync(codec, loader)
            : LoadThroughAsync(fullKey, load, codec, loader, ttl), cancellationToken);
        return codec.Decode(bytes);
    }

    public async Task InvalidateAsync(string cacheNamespace, string key, CancellationToken cancellationToken = default)
    {
        var version = await NamespaceVersionAsync(cacheNamespace, cancellationToken);
        if (version is null)
        {
            _l1.Clear();
            return;
        }

        var fullKey = FullKey(cacheNamespace, version.Value, key);
        OnInvalidation('k', fullKey);
        await _redis.TryAsync(db => db.KeyDeleteAsync(fullKey), cancellationToken);
        await _bus.PublishAsync('k', fullKey, cancellationToken);
    }

    public async Task InvalidateManyAsync(string cacheNamespace, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        var version = await NamespaceVersionAsync(cacheNamespace, cancellationToken);
        if (version is null)
        {
            _l1.Clear();
            return;
        }

        var fullKeys = keys.Distinct(StringComparer.Ordinal).Select(key => FullKey(cacheNamespace, version.Value, key)).ToArray();
        foreach (var fullKey in fullKeys)
        {
            OnInvalidation('k', fullKey);
        }

        await _redis.TryAsync(db => db.KeyDeleteAsync([.. fullKeys.Select(k => (RedisKey)k)]), cancellationToken);
        await _bus.PublishAsync('m', string.Join(ManyKeysSeparator, fullKeys), cancellationToken);
    }

    public async Task InvalidateNamespaceAsync(string cacheNamespace, CancellationToken cancellationToken = default)
    {
        _versions.TryRemove(cacheNamespace, out _);
        await _redis.TryAsync(db => db.StringIncrementAsync(VersionKey(cacheNamespace)), cancellationToken);
        await _bus.PublishAsync('n', cacheNamespace, cancellationToken);
    }

    public void Dispose() => _l1.Dispose();

    private static async Task<byte[]> LoadUncachedAsync<T>(CacheCodec<T> codec, Func<CancellationToken, Task<T>> loader) =>
        codec.Encode(await loader(CancellationToken.None));

    private async Task<byte[]> LoadThroughAsync<T>(string fullKey, SingleFlight.SharedLoad load, CacheCodec<T> codec, Func<CancellationToken, Task<T>> loader, TimeSpan ttl)
    {
        var (ok, value) = await _redis.TryAsync(db => db.StringGetAsync(fullKey), CancellationToken.None);
        if (ok && (byte[]?)value is { } stored)
        {
            RememberInL1(fullKey, stored, ttl);
            return stored;
        }

        // A shared load must not die with the first caller's cancellation; each waiter can still give up.
        var bytes = codec.Encode(await loader(CancellationToken.None));

        // Cache-aside race: a write may have been invalidated while this load read the store. Such a value
        // is returned to the callers whose reads began before the write, but never cached; and if the
        // invalidation lands while the SET is on its way, the key is deleted again right after it.
        if (!ok || load.Invalidated)
        {
            return bytes;
        }

        if ((await _redis.TryAsync(db => db.StringSetAsync(fullKey, bytes, ttl), CancellationToken.None)).Ok)
        {
            if (load.Invalidated)
            {
                await _redis.TryAsync(db => db.KeyDeleteAsync(fullKey), CancellationToken.None);
            }
            else
            {
                RememberInL1(fullKey, bytes, ttl);
                if (load.Invalidated)
                {
                    _l1.Remove(fullKey);
                }
            }
        }

        return bytes;
    }

    private void RememberInL1(string fullKey, byte[] bytes, TimeSpan ttl)
    {
        if (_bus.IsActive)
        {
            _l1.Set(fullKey, bytes, new MemoryCacheEntryOptions
            {
                Size = 1,
                AbsoluteExpirationRelativeToNow = ttl < _options.L1TimeToLive ? ttl : _options.L1TimeToLive,
            });
        }
    }

    /// <summary>The namespace's current version, or null when Redis cannot be asked.</summary>
    private async Task<long?> NamespaceVersionAsync(string cacheNamespace, CancellationToken cancellationToken)
    {
        if (_bus.IsActive && _versions.TryGetValue(cacheNamespace, out var known))
        {
            return known;
        }

        var (ok, stored) = await _redis.TryAsync(db => db.StringGetAsync(VersionKey(cacheNamespace)), cancellationToken);
        if (!ok)
        {
            return null;
        }

        var version = stored.IsNull ? 0 : (long)stored;
        if (_bus.IsActive)
        {
            _versions[cacheNamespace] = version;
        }

        return version;
    }

    private void OnInvalidation(char kind, string target)
    {
        if (kind == 'm')
        {
            foreach (var fullKey in target.Split(ManyKeysSeparator))
            {
                OnInvalidation('k', fullKey);
            }
        }
        else if (kind == 'n')
        {
            _versions.TryRemove(target, out _);
            // Entries of the old version can never be asked for again; they age out of L1 by themselves.
        }
        else
        {
            _loads.Invalidate(target); // first, so a load finishing now sees the flag after it fills L1
            _l1.Remove(target);
        }
    }

    private void ClearL1()
    {
        _versions.Clear();
        _l1.Clear();
    }

    private string FullKey(string cacheNamespace, long version, string key) => $"{_prefix}:{cacheNamespace}:{version}:{key}";

    private string VersionKey(string cacheNamespace) => $"{_prefix}:version:{cacheNamespace}";
}
