using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace Platform.Caching.Internal;

/// <summary>The embedded default when no Redis is configured: the same API on an in-process memory cache.</summary>
internal sealed class LocalPlatformCache(CacheOptions options) : IPlatformCache, IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.L1MaxEntries });
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly SingleFlight _loads = new();

    public async Task<T> GetOrLoadAsync<T>(string cacheNamespace, string key, CacheCodec<T> codec,
        Func<CancellationToken, Task<T>> loader, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(loader);
        var fullKey = FullKey(cacheNamespace, key);
        if (_cache.TryGetValue(fullKey, out byte[]? cached) && cached is not null)
        {
            return codec.Decode(cached);
        }

        var ttl = timeToLive ?? options.DefaultTimeToLive;
        var bytes = await _loads.RunAsync(fullKey, async load =>
        {
            var encoded = codec.Encode(await loader(CancellationToken.None));
            // Cache-aside race: a write invalidated the key while this load read the store. The value goes to
            // the callers that asked before the write but is not kept; the second check covers an
            // invalidation that lands between the first check and the Set.
            if (!load.Invalidated)
            {
                _cache.Set(fullKey, encoded, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ttl });
                if (load.Invalidated)
                {
                    _cache.Remove(fullKey);
                }
            }

            return encoded;
        }, cancellationToken);
        return codec.Decode(bytes);
    }

    public Task InvalidateAsync(string cacheNamespace, string key, CancellationToken cancellationToken = default)
    {
        var fullKey = FullKey(cacheNamespace, key);
        _loads.Invalidate(fullKey); // first, so a load finishing now sees the flag after its Set
        _cache.Remove(fullKey);
        return Task.CompletedTask;
    }

    public Task InvalidateNamespaceAsync(string cacheNamespace, CancellationToken cancellationToken = default)
    {
        _versions.AddOrUpdate(cacheNamespace, 1, (_, v) => v + 1);
        return Task.CompletedTask;
    }

    public void Dispose() => _cache.Dispose();

    private string FullKey(string cacheNamespace, string key) =>
        $"{cacheNamespace}:{_versions.GetValueOrDefault(cacheNamespace)}:{key}";
}
