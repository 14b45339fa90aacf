using System.Net;
using System.Net.Http.Headers;

namespace Platform.Grpc.Internal.Client;

/// <summary>
/// The body of a client-streaming or duplex request. HttpClient hands over the request stream when it
/// starts sending; the writer pushes frames into it until the call half-closes or ends.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamingRequestContent() => Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);

    public Task<Stream> RequestStream => _stream.Task;

    public bool IsCompleted => _completed.Task.IsCompleted;

    /// <summary>Half-close: HttpClient ends the request stream (END_STREAM) once this returns.</summary>
    public void Complete() => _completed.TrySetResult();

    /// <summary>The call ended: release HttpClient's send loop and any writer waiting for the stream.</summary>
    public void Abort()
    {
        _stream.TrySetCanceled();
        _completed.TrySetResult();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        return _completed.Task;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
