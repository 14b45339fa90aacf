using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;

namespace Platform.Redis.Internal;

/// <summary>
/// One socket to the server (TLS optional) as a pair of pipes, already through the handshake:
/// HELLO (RESP3 when offered, else RESP2 with AUTH), client name, database.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;

    private RedisConnection(Socket socket, Stream stream)
    {
        _socket = socket;
        _stream = stream;
        Reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        Writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024));
    }

    public PipeReader Reader { get; }

    public PipeWriter Writer { get; }

    /// <summary>2 or 3: the RESP version agreed with the server.</summary>
    public int Protocol { get; private set; } = 2;

    public static async Task<RedisConnection> OpenAsync(RedisOptions options, bool forPubSub, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        RedisConnection? connection = null;
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (options.UseTls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.TlsHost ?? options.Host }, timeout.Token);
                stream = ssl;
            }

            connection = new RedisConnection(socket, stream);
            await connection.HandshakeAsync(options, forPubSub, timeout.Token);
            return connection;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await DisposeQuietlyAsync(connection, socket);
            throw new RedisConnectionException($"Connecting to Redis at {options.EndPoint} timed out after {options.ConnectTimeout.TotalMilliseconds:0} ms.");
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            await DisposeQuietlyAsync(connection, socket);
            throw new RedisConnectionException($"Cannot connect to Redis at {options.EndPoint}: {e.Message}", e);
        }
        catch
        {
            await DisposeQuietlyAsync(connection, socket);
            throw;
        }
    }

    private async Task HandshakeAsync(RedisOptions options, bool forPubSub, CancellationToken cancellationToken)
    {
        // Pub/sub stays on RESP2: messages then arrive as plain arrays on a connection that does nothing else.
        var hello = new List<RedisValue> { forPubSub ? "2" : "3" };
        if (options.Password is not null)
        {
            hello.AddRange(["AUTH", options.User ?? "default", options.Password]);
        }

        hello.AddRange(["SETNAME", options.ClientName + (forPubSub ? "-pubsub" : "")]);
        var reply = await RoundTripAsync("HELLO", [.. hello], cancellationToken);
        if (reply.IsError)
        {
            var message = reply.AsString() ?? "";
            if (IsAuthenticationError(message))
            {
                throw new RedisConnectionException($"Redis at {options.EndPoint} refused the credentials: {message}");
            }

            // Servers before Redis 6 have no HELLO: RESP2 with a plain AUTH.
            if (options.Password is not null)
            {
                RedisValue[] auth = options.User is null ? [options.Password] : [options.User, options.Password];
                var authReply = await RoundTripAsync("AUTH", auth, cancellationToken);
                if (authReply.IsError)
                {
                    throw new RedisConnectionException($"Redis at {options.EndPoint} refused the credentials: {authReply.AsString()}");
                }
            }
        }
        else
        {
            Protocol = forPubSub ? 2 : 3;
        }

        if (!forPubSub && options.Database != 0)
        {
            var select = await RoundTripAsync("SELECT", [options.Database], cancellationToken);
            if (select.IsError)
            {
                throw new RedisConnectionException($"Redis at {options.EndPoint} refused SELECT {options.Database}: {select.AsString()}");
            }
        }
    }

    /// <summary>Sends one command and reads its reply directly (handshake only, before the connection is shared).</summary>
    public async Task<RedisReply> RoundTripAsync(string command, RedisValue[] args, CancellationToken cancellationToken)
    {
        var buffer = CommandEncoder.Encode(command, args, out var length);
        try
        {
            await Writer.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        while (true)
        {
            var result = await Reader.ReadAsync(cancellationToken);
            var sequence = new SequenceReader<byte>(result.Buffer);
            if (RespParser.TryParse(ref sequence, out var reply))
            {
                Reader.AdvanceTo(sequence.Position);
                return reply;
            }

            if (result.IsCompleted)
            {
                throw new RedisConnectionException("The server closed the connection during the handshake.");
            }

            Reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static bool IsAuthenticationError(string message) =>
        message.StartsWith("WRONGPASS", StringComparison.Ordinal)
        || message.StartsWith("NOAUTH", StringComparison.Ordinal)
        || message.Contains("invalid password", StringComparison.OrdinalIgnoreCase)
        || message.Contains("invalid username-password", StringComparison.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        await _stream.DisposeAsync();
        _socket.Dispose();
    }

    private static async Task DisposeQuietlyAsync(RedisConnection? connection, Socket socket)
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
        else
        {
            socket.Dispose();
        }
    }
}
