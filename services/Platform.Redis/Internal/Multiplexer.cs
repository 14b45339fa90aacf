using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Redis.Internal;

/// <summary>
/// One shared connection for every caller:
///   1. callers enqueue encoded commands on the backlog (never blocking on the socket);
///   2. a single writer moves them, in order, to the in-flight queue and the socket, flushing once per batch;
///   3. a single reader parses replies and completes the in-flight queue strictly in order;
///   4. when the connection drops, every in-flight caller gets a <see cref="RedisConnectionException"/> at once and
///      a reconnect loop (exponential backoff with jitter) restores it; the backlog waits, bounded by each timeout;
///   5. a sweeper times out callers whose reply is late, and closes a connection that stopped answering.
/// </summary>
internal sealed class Multiplexer : IAsyncDisposable
{
    private readonly RedisOptions _options;
    private readonly ConcurrentQueue<PendingCommand> _backlog = new();
    private readonly ConcurrentQueue<PendingCommand> _inFlight = new();
    private readonly SemaphoreSlim _writerSignal = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Timer _sweeper;
    private readonly Task _writerLoop;
    private readonly Lock _connectGate = new();
    private RedisConnection? _connection;
    private Task? _reconnecting;
    private int _writerIdle = 1;
    private int _backlogCount;
    private long _lastRead = Stopwatch.GetTimestamp();
    private string? _lastError;

    public Multiplexer(RedisOptions options)
    {
        _options = options;
        _writerLoop = Task.Run(WriteLoopAsync);
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.CommandTimeout.TotalMilliseconds / 10, 10, 250));
        _sweeper = new Timer(_ => Sweep(), null, period, period);
    }

    public bool IsConnected => _connection is not null;

    public int Protocol => _connection?.Protocol ?? 0;

    /// <summary>Why the last connection attempt failed, for health reports and error messages.</summary>
    public string? LastError => _lastError;

    /// <summary>Connects now and throws if that fails (callers that must know at start-up).</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = await RedisConnection.OpenAsync(_options, forPubSub: false, cancellationToken);
        Attach(connection);
    }

    /// <summary>Starts connecting in the background; commands queue until it succeeds or they time out.</summary>
    public void ConnectInBackground() => EnsureReconnecting();

    public Task<RedisReply> ExecuteAsync(string command, ReadOnlySpan<RedisValue> args)
    {
        if (_shutdown.IsCancellationRequested)
        {
            return Task.FromException<RedisReply>(new ObjectDisposedException(nameof(RedisClient)));
        }

        if (_connection is null && Volatile.Read(ref _backlogCount) >= _options.MaxBacklog)
        {
            return Task.FromException<RedisReply>(new RedisConnectionException(
                $"Redis at {_options.EndPoint} is unreachable and {_options.MaxBacklog} commands are already waiting ({_lastError})."));
        }

        var buffer = CommandEncoder.Encode(command, args, out var length);
        var pending = new PendingCommand(command, buffer, length);
        Interlocked.Increment(ref _backlogCount);
        _backlog.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _writerIdle, 0, 1) == 1)
        {
            _writerSignal.Release();
        }

        return pending.Task;
    }

    // 2. The writer: drains the backlog into the socket in batches, one flush per batch.
    private async Task WriteLoopAsync()
    {
        while (!_shutdown.IsCancellationRequested)
        {
            try
            {
                await _writerSignal.WaitAsync(_shutdown.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            while (true)
            {
                var connection = _connection;
                if (connection is not null)
                {
                    await DrainAsync(connection);
                }

                Volatile.Write(ref _writerIdle, 1);
                if (connection is null || _backlog.IsEmpty || Interlocked.CompareExchange(ref _writerIdle, 0, 1) != 1)
                {
                    break;
                }
            }
        }
    }

    private async Task DrainAsync(RedisConnection connection)
    {
        try
        {
            var writer = connection.Writer;
            while (_connection == connection && _backlog.TryDequeue(out var command))
            {
                Interlocked.Decrement(ref _backlogCount);
                if (command.Task.IsCompleted)
                {
                    command.ReleaseBuffer();
                    continue;
                }

                // In-flight before written: the reader may see the reply before this loop moves on.
                _inFlight.Enqueue(command);
                writer.Write(command.Bytes);
                command.ReleaseBuffer();
                if (writer.UnflushedBytes >= 64 * 1024)
                {
                    await writer.FlushAsync();
                }
            }

            await writer.FlushAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            OnConnectionLost(connection, e);
        }
    }

    // 3. The reader: replies come back in the order commands were written.
    private async Task ReadLoopAsync(RedisConnection connection)
    {
        var reader = connection.Reader;
        Exception? failure = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                var sequence = new SequenceReader<byte>(buffer);
                while (RespParser.TryParse(ref sequence, out var reply))
                {
                    Volatile.Write(ref _lastRead, Stopwatch.GetTimestamp());
                    if (reply.Type == RedisReplyType.Push)
                    {
                        continue; // RESP3 out-of-band data (e.g. invalidation pushes) never answers a command.
                    }

                    if (!_inFlight.TryDequeue(out var command))
                    {
                        throw new RedisConnectionException("Protocol error: a reply arrived for no command.");
                    }

                    command.TrySetResult(reply);
                }

                reader.AdvanceTo(sequence.Position, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            failure = e;
        }

        OnConnectionLost(connection, failure);
    }

    // 4. Connection loss: fail what was in flight, reconnect in the background.
    private void OnConnectionLost(RedisConnection connection, Exception? reason)
    {
        lock (_connectGate)
        {
            if (_connection != connection)
            {
                return;
            }

            _connection = null;
        }

        _lastError = reason?.Message ?? "the server closed the connection";
        var error = new RedisConnectionException(
            $"The connection to Redis at {_options.EndPoint} was lost ({_lastError}); the command may or may not have run.", reason);
        while (_inFlight.TryDequeue(out var command))
        {
            command.TrySetException(error);
        }

        _ = connection.DisposeAsync().AsTask();
        EnsureReconnecting();
    }

    private void EnsureReconnecting()
    {
        lock (_connectGate)
        {
            if (_connection is not null || _reconnecting is { IsCompleted: false } || _shutdown.IsCancellationRequested)
            {
                return;
            }

            _reconnecting = Task.Run(ReconnectLoopAsync);
        }
    }

    private async Task ReconnectLoopAsync()
    {
        var backoff = new ReconnectBackoff(_options.MaxReconnectDelay);
        while (!_shutdown.IsCancellationRequested)
        {
            try
            {
                Attach(await RedisConnection.OpenAsync(_options, forPubSub: false, _shutdown.Token));
                return;
            }
            catch (Exception e) when (e is RedisException or OperationCanceledException)
            {
                _lastError = e.Message;
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

    private void Attach(RedisConnection connection)
    {
        lock (_connectGate)
        {
            _connection = connection;
        }

        _lastError = null;
        Volatile.Write(ref _lastRead, Stopwatch.GetTimestamp());
        _ = Task.Run(() => ReadLoopAsync(connection));
        if (Interlocked.CompareExchange(ref _writerIdle, 0, 1) == 1)
        {
            _writerSignal.Release();
        }
    }

    // 5. Timeouts: a late caller gets an error (its slot stays queued so later replies still match), and a
    //    connection with overdue replies and no bytes read for a whole timeout is closed rather than trusted.
    private void Sweep()
    {
        var now = Stopwatch.GetTimestamp();
        var timeout = _options.CommandTimeout;
        foreach (var queue in new[] { _inFlight, _backlog })
        {
            foreach (var command in queue)
            {
                if (Stopwatch.GetElapsedTime(command.Enqueued, now) < timeout)
                {
                    break;
                }

                if (!command.Task.IsCompleted)
                {
                    command.TrySetException(new RedisTimeoutException(
                        $"Redis {command.Name} timed out after {timeout.TotalMilliseconds:0} ms ({_options.EndPoint}, " +
                        $"{(IsConnected ? "connected" : "disconnected: " + _lastError)}, in flight {_inFlight.Count}, waiting {_backlogCount})."));
                }
            }
        }

        if (_connection is { } connection && _inFlight.TryPeek(out var oldest)
            && Stopwatch.GetElapsedTime(oldest.Enqueued, now) > timeout
            && Stopwatch.GetElapsedTime(Volatile.Read(ref _lastRead), now) > timeout)
        {
            OnConnectionLost(connection, new TimeoutException("no reply for longer than the command timeout"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        await _sweeper.DisposeAsync();
        try
        {
            await _writerLoop;
        }
        catch (OperationCanceledException)
        {
        }

        var closed = new ObjectDisposedException(nameof(RedisClient));
        if (_connection is { } connection)
        {
            OnConnectionLost(connection, closed);
        }

        while (_backlog.TryDequeue(out var command))
        {
            command.TrySetException(closed);
            command.ReleaseBuffer();
        }

        _writerSignal.Dispose();
        _shutdown.Dispose();
    }
}
