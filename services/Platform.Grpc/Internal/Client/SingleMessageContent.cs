using System.Net;
using System.Net.Http.Headers;

namespace Platform.Grpc.Internal.Client;

/// <summary>The body of a unary or server-streaming request: one framed message, serialized up front.</summary>
internal sealed class SingleMessageContent : HttpContent
{
    private readonly byte[] _frame;

    public SingleMessageContent(byte[] frame)
    {
        _frame = frame;
        Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_frame).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_frame, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = _frame.Length;
        return true;
    }
}
