using System.Buffers;
using System.Collections.Concurrent;
using Platform.Redis.Internal;

namespace Platform.Redis;

/// <summary>
/// Pub/sub on its own connection (a subscribed connection can do nothing else). Reconnects by itself with
/// backoff and subscribes again to every channel, so a Redis restart costs subscribers only the messages
/// published while it was down.
/// </summary>
public sealed class RedisSubscriber : IAsyncDisposable
{
    private readonly RedisOptions _options;
    private readonly ConcurrentDictionary<string, Action<string, byte[]>> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _confirmations = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _loop;
    private RedisConnection? _connection;
    private int _connections;

    private RedisSubscriber(RedisOptions options)
    {
        _options = options;
        _loop = Task.Run(RunAsync);
    }

    public bool IsConnected => _connection is not null;

    /// <summary>How many times a connection was established (1 after start; more after reconnects).</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    /// <summary>Raised after each (re)connection once every channel is subscribed again.</summary>
    public event EventHandler? Subscribed;

    public static RedisSubscriber Create(RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RedisSubscriber(options);
    }

    /// <summary>
    /// Delivers messages on <paramref name="channel"/> to <paramref name="handler"/> (one handler per channel,
    /// called on the connection's reader: keep it short). Waits for the server's confirmation when connected.
    /// </summary>
    public async Task SubscribeAsync(string channel, Action<string, byte[]> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(handler);
        _handlers[channel] = handler;
        var confirmed = _confirmations.GetOrAdd(channel, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_connection is { } connection && await TrySendAsync(connection, "SUBSCRIBE", [channel]))
        {
            await confirmed.Task.WaitAsync(_options.CommandTimeout);
        }
    }

    public async Task UnsubscribeAsync(string channel)
    {
        _handlers.TryRemove(channel, out _);
        _confirmations.TryRemove(channel, out _);
        if (_connection is { } connection)
        {
            await TrySendAsync(connection, "UNSUBSCRIBE", [channel]);
        }
    }

    private async Task RunAsync()
    {
        var backoff = new ReconnectBackoff(_options.MaxReconnectDelay);
        while (!_shutdown.IsCancellationRequested)
        {
            RedisConnection? connection = null;
            try
            {
                connection = await RedisConnection.OpenAsync(_options, forPubSub: true, _shutdown.Token);
                _connection = connection;
                Interlocked.Increment(ref _connections);
                backoff.Reset();
                var channels = _handlers.Keys.ToArray();
                if (channels.Length > 0)
                {
                    await TrySendAsync(connection, "SUBSCRIBE", [.. channels.Select(c => (RedisValue)c)]);
                }

                await ReadAsync(connection, channels.Length);
            }
            catch (Exception e) when (e is RedisException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // Reconnect below.
            }
            finally
            {
                _connection = null;
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }

            try
            {
                await backoff.WaitAsync(_shutdown.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

        }
    }

    private async Task ReadAsync(RedisConnection connection, int pendingConfirmations)
    {
        if (pendingConfirmations == 0)
        {
            Subscribed?.Invoke(this, EventArgs.Empty);
        }

        var reader = connection.Reader;
        while (true)
        {
            var result = await reader.ReadAsync(_shutdown.Token);
            var sequence = new SequenceReader<byte>(result.Buffer);
            while (RespParser.TryParse(ref sequence, out var reply))
            {
                if (reply.Elements is not { Count: >= 3 } e)
                {
                    continue;
                }

                var kind = e[0].AsString();
                var channel = e[1].AsString() ?? "";
                if (kind == "message" && _handlers.TryGetValue(channel, out var handler))
                {
                    handler(channel, e[2].Bytes ?? []);
                }
                else if (kind == "subscribe")
                {
                    if (_confirmations.TryGetValue(channel, out var confirmed))
                    {
                        confirmed.TrySetResult();
                    }

                    if (--pendingConfirmations == 0)
                    {
                        Subscribed?.Invoke(this, EventArgs.Empty);
                    }
                }
            }

            reader.AdvanceTo(sequence.Position, result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    private async Task<bool> TrySendAsync(RedisConnection connection, string command, RedisValue[] args)
    {
        var buffer = CommandEncoder.Encode(command, args, out var length);
        await _writeLock.WaitAsync();
        try
        {
            await connection.Writer.WriteAsync(buffer.AsMemory(0, length));
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
        finally
        {
            _writeLock.Release();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        if (_connection is { } connection)
        {
            await connection.DisposeAsync();
        }

        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _writeLock.Dispose();
        _shutdown.Dispose();
    }

}
