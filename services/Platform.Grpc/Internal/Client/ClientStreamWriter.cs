using System.IO.Pipelines;
using Google.Protobuf;
using Platform.Grpc.Client;

namespace Platform.Grpc.Internal.Client;

/// <summary>Writes request messages of a client-streaming or duplex call into the HTTP/2 request stream.</summary>
internal sealed class ClientStreamWriter<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call, StreamingRequestContent content)
    : IClientStreamWriter<TRequest>
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    private int _writing;
    private PipeWriter? _writer;

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (content.IsCompleted)
        {
            call.ThrowIfFailed();
            throw new InvalidOperationException("The request stream is already complete; no more messages can be written.");
        }

        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("A write is already in progress; await each WriteAsync before the next.");
        }

        try
        {
            var stream = await content.RequestStream.WaitAsync(cancellationToken);
            _writer ??= PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
            MessageWriter.Write(_writer, message, call.CompressRequests, call.MaxSendMessageSize);
            await _writer.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not RpcException and not InvalidOperationException)
        {
            // The call ended underneath the write (deadline, cancellation, a status from the server that
            // HttpClient saw before this call processed it): report the call's status, not the transport's.
            throw await call.StatusAfterWriteFailureAsync(e);
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    public Task CompleteAsync()
    {
        content.Complete();
        return Task.CompletedTask;
    }
}
