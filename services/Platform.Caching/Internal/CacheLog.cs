using Microsoft.Extensions.Logging;

namespace Platform.Caching.Internal;

internal static partial class CacheLog
{
    [LoggerMessage(1, LogLevel.Debug, "Redis cache operation failed; reading from the service's store: {Reason}")]
    public static partial void RedisOperationFailed(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Cache invalidation of {Target} was confirmed by {Confirmed} of {Expected} replicas within the timeout")]
    public static partial void InvalidationNotConfirmed(ILogger logger, string target, int confirmed, long expected);

    [LoggerMessage(3, LogLevel.Information, "Cache invalidation channel subscribed; L1 cleared and enabled")]
    public static partial void BusSubscribed(ILogger logger);
}
