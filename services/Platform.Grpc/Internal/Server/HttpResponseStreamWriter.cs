using Google.Protobuf;

namespace Platform.Grpc.Internal.Server;

/// <summary>The response stream of a server-streaming or duplex call; each write is flushed as an HTTP/2 DATA frame.</summary>
internal sealed class HttpResponseStreamWriter<T>(ServerCallState state) : IAsyncStreamWriter<T>
    where T : IMessage<T>
{
    private int _writing;

    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (state.DeadlineExceeded)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
        }

        state.CancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("A write is already in progress; await each WriteAsync before the next.");
        }

        try
        {
            state.PrepareResponseHeaders();
            var writer = state.HttpContext.Response.BodyWriter;
            MessageWriter.Write(writer, message, state.ShouldCompress, state.Options.MaxSendMessageSize);
            await writer.FlushAsync(cancellationToken.CanBeCanceled ? cancellationToken : state.CancellationToken);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }
}
