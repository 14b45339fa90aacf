using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace Platform.Caching.Internal;

/// <summary>The embedded default when no Redis is configured: the same API on an in-process memory cache.</summary>
internal sealed class LocalPlatformCache(CacheOptions options) : IPlatformCache, IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.L1MaxEntries });
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _loads = new(StringComparer.Ordinal);

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
        var load = _loads.GetOrAdd(fullKey, k => new Lazy<Task<byte[]>>(async () =>
        {
            var bytes = codec.Encode(await loader(CancellationToken.None));
            _cache.Set(k, bytes, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ttl });
            return bytes;
        }));
        try
        {
            return codec.Decode(await load.Value.WaitAsync(cancellationToken));
        }
        finally
        {
            if (load.Value.IsCompleted)
            {
                _loads.TryRemove(new KeyValuePair<string, Lazy<Task<byte[]>>>(fullKey, load));
            }
        }
    }

    public Task InvalidateAsync(string cacheNamespace, string key, CancellationToken cancellationToken = default)
    {
        _cache.Remove(FullKey(cacheNamespace, key));
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
