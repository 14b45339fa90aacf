using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.Caching.Internal;

/// <summary>
/// Redis as the cache sees it: every operation bounded by a short timeout and behind a circuit breaker,
/// and refused at once while disconnected. A failure is an answer ("not available"), never an exception.
/// </summary>
internal sealed class GuardedRedis
{
    private readonly IConnectionMultiplexer _connection;
    private readonly CacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CircuitBreaker _breaker;
    private volatile string? _lastError;

    public GuardedRedis(IConnectionMultiplexer connection, CacheOptions options, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _options = options;
        _time = time;
        _logger = logger;
        _breaker = new CircuitBreaker(options.FailuresToBreak, options.BreakDuration, time);
        connection.ConnectionFailed += (_, e) => _lastError = e.Exception?.Message ?? e.FailureType.ToString();
        connection.ConnectionRestored += (_, _) => _lastError = null;
    }

    public IConnectionMultiplexer Connection => _connection;

    public bool IsAvailable => _connection.IsConnected && !_breaker.IsOpen;

    public string Describe() => _connection.IsConnected
        ? (_breaker.IsOpen ? "Redis is slow or failing; the circuit is open" : "Redis connected")
        : $"Redis unreachable ({_lastError ?? "connecting"})";

    public async Task<(bool Ok, T? Value)> TryAsync<T>(Func<IDatabase, Task<T>> operation, CancellationToken cancellationToken)
    {
        if (!_connection.IsConnected || !_breaker.TryAcquire())
        {
            return (false, default);
        }

        try
        {
            var value = await operation(_connection.GetDatabase()).WaitAsync(_options.OperationTimeout, _time, cancellationToken);
            _breaker.OnSuccess();
            return (true, value);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            _breaker.OnFailure();
            CacheLog.RedisOperationFailed(_logger, e.Message);
            return (false, default);
        }
    }
}
