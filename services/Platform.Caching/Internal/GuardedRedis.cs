using Microsoft.Extensions.Logging;
using Platform.Redis;

namespace Platform.Caching.Internal;

/// <summary>
/// Redis as the cache sees it: every operation bounded by a short timeout and behind a circuit breaker,
/// and refused at once while disconnected. A failure is an answer ("not available"), never an exception.
/// </summary>
internal sealed class GuardedRedis(RedisClient client, CacheOptions options, TimeProvider time, ILogger logger)
{
    private readonly CircuitBreaker _breaker = new(options.FailuresToBreak, options.BreakDuration, time);

    public RedisClient Client => client;

    public bool IsAvailable => client.IsConnected && !_breaker.IsOpen;

    public string Describe() => client.IsConnected
        ? (_breaker.IsOpen ? "Redis is slow or failing; the circuit is open" : "Redis connected")
        : $"Redis unreachable ({client.LastError ?? "connecting"})";

    public async Task<(bool Ok, T? Value)> TryAsync<T>(Func<RedisClient, Task<T>> operation, CancellationToken cancellationToken)
    {
        if (!client.IsConnected || !_breaker.TryAcquire())
        {
            return (false, default);
        }

        try
        {
            var value = await operation(client).WaitAsync(options.OperationTimeout, time, cancellationToken);
            _breaker.OnSuccess();
            return (true, value);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _breaker.OnFailure();
            CacheLog.RedisOperationFailed(logger, e.Message);
            return (false, default);
        }
    }
}
