using System.Collections.Concurrent;

namespace Platform.Caching.Internal;

/// <summary>
/// Stampede protection: at most one load per key runs in this process; callers that miss meanwhile share it,
/// and each may stop waiting (its own cancellation) without cancelling the load for the others.
/// </summary>
internal sealed class SingleFlight
{
    private readonly ConcurrentDictionary<string, SharedLoad> _loads = new(StringComparer.Ordinal);

    public async Task<byte[]> RunAsync(string key, Func<SharedLoad, Task<byte[]>> load, CancellationToken cancellationToken)
    {
        var shared = _loads.GetOrAdd(key, static _ => new SharedLoad());
        var task = shared.Start(load);
        try
        {
            return await task.WaitAsync(cancellationToken);
        }
        finally
        {
            if (task.IsCompleted)
            {
                _loads.TryRemove(new KeyValuePair<string, SharedLoad>(key, shared));
            }
        }
    }

    /// <summary>
    /// Marks the load in progress for <paramref name="key"/>, if any, as overtaken by an invalidation, and lets
    /// callers that arrive from now on start a fresh load instead of sharing the stale one.
    /// </summary>
    public void Invalidate(string key)
    {
        if (_loads.TryRemove(key, out var shared))
        {
            shared.Invalidated = true;
        }
    }

    /// <summary>One in-progress load of a key.</summary>
    internal sealed class SharedLoad
    {
        private readonly Lock _gate = new();
        private Task<byte[]>? _task;

        /// <summary>Set when the key was invalidated while loading: the value must not be cached.</summary>
        public volatile bool Invalidated;

        public Task<byte[]> Start(Func<SharedLoad, Task<byte[]>> load)
        {
            lock (_gate)
            {
                return _task ??= load(this);
            }
        }
    }
}
