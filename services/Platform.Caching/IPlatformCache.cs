namespace Platform.Caching;

/// <summary>
/// Cache-aside for the services' hot reads. Keys live in a namespace (say "documents"); a value is loaded
/// from the service's own store on a miss, by one caller per key at a time. Invalidating after a write
/// guarantees that no replica serves the old value afterwards. When the cache is unavailable every read
/// goes to the loader: callers never see a cache error.
/// </summary>
public interface IPlatformCache
{
    Task<T> GetOrLoadAsync<T>(string cacheNamespace, string key, CacheCodec<T> codec,
        Func<CancellationToken, Task<T>> loader, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>Drops one entry here, in Redis and in every replica's L1, and waits until they confirm.</summary>
    Task InvalidateAsync(string cacheNamespace, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops several entries of one namespace, as <see cref="InvalidateAsync"/> does each; caches that can do it in
    /// one round (Redis: one DEL, one published message, one confirmation per replica) override this.
    /// </summary>
    Task InvalidateManyAsync(string cacheNamespace, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        Task.WhenAll(keys.Distinct(StringComparer.Ordinal).Select(key => InvalidateAsync(cacheNamespace, key, cancellationToken)));

    /// <summary>Drops every entry of a namespace at once (bumps its version), everywhere.</summary>
    Task InvalidateNamespaceAsync(string cacheNamespace, CancellationToken cancellationToken = default);
}
