namespace Platform.Caching.Internal;

/// <summary>No caching at all (<c>Cache:Enabled=false</c>): every read goes to the store. For diagnosis and benchmarks.</summary>
internal sealed class PassThroughCache : IPlatformCache
{
    public Task<T> GetOrLoadAsync<T>(string cacheNamespace, string key, CacheCodec<T> codec,
        Func<CancellationToken, Task<T>> loader, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loader);
        return loader(cancellationToken);
    }

    public Task InvalidateAsync(string cacheNamespace, string key, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task InvalidateNamespaceAsync(string cacheNamespace, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
