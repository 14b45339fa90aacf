using Platform.Redis.Internal;

namespace Platform.Redis;

/// <summary>
/// A Redis client for the whole process: one multiplexed, pipelined connection shared by every caller,
/// thread-safe, reconnecting by itself. Create one per endpoint and keep it for the application's lifetime.
/// </summary>
public sealed partial class RedisClient : IAsyncDisposable
{
    private readonly Multiplexer _multiplexer;

    private RedisClient(RedisOptions options)
    {
        Options = options;
        _multiplexer = new Multiplexer(options);
    }

    public RedisOptions Options { get; }

    public bool IsConnected => _multiplexer.IsConnected;

    /// <summary>2 or 3 once connected: the RESP version in use (3 when the server offers HELLO).</summary>
    public int Protocol => _multiplexer.Protocol;

    /// <summary>Why the last connection attempt failed, or null.</summary>
    public string? LastError => _multiplexer.LastError;

    /// <summary>Connects now; throws <see cref="RedisConnectionException"/> (unreachable, or credentials refused).</summary>
    public static async Task<RedisClient> ConnectAsync(RedisOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new RedisClient(options);
        try
        {
            await client._multiplexer.ConnectAsync(cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public static Task<RedisClient> ConnectAsync(string connectionString, CancellationToken cancellationToken = default) =>
        ConnectAsync(RedisOptions.Parse(connectionString), cancellationToken);

    /// <summary>
    /// Returns at once and connects in the background (a service must start even while Redis is down);
    /// commands wait for the connection up to their timeout.
    /// </summary>
    public static RedisClient Create(RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new RedisClient(options);
        client._multiplexer.ConnectInBackground();
        return client;
    }

    /// <summary>Runs any command; an error reply becomes <see cref="RedisServerException"/>.</summary>
    public async Task<RedisReply> ExecuteAsync(string command, params RedisValue[] args)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        var reply = await _multiplexer.ExecuteAsync(command, args);
        return reply.IsError ? throw new RedisServerException($"Redis {command}: {reply.AsString()}") : reply;
    }

    public ValueTask DisposeAsync() => _multiplexer.DisposeAsync();
}
