namespace Platform.Redis;

/// <summary>Base of every error the Redis client raises; messages carry the endpoint and queue state.</summary>
public class RedisException : Exception
{
    public RedisException()
    {
    }

    public RedisException(string message)
        : base(message)
    {
    }

    public RedisException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The server answered with an error reply (for example WRONGTYPE, or NOAUTH).</summary>
public sealed class RedisServerException(string message) : RedisException(message);

/// <summary>No reply within the command timeout.</summary>
public sealed class RedisTimeoutException(string message) : RedisException(message);

/// <summary>
/// No usable connection: connecting failed, authentication was refused, or the connection dropped while the
/// command was in flight (it may or may not have been executed).
/// </summary>
public sealed class RedisConnectionException(string message, Exception? innerException = null) : RedisException(message, innerException);
