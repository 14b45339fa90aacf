using System.IO.Pipelines;
using System.Net;

namespace Platform.Gateway.Forwarding.Forwarding;

/// <summary>
/// The caller's request body, streamed to the backend as it arrives: each chunk is flushed at once, so a
/// client stream's messages reach the backend one by one (a bidirectional call would deadlock if they waited
/// for the end). <see cref="Started"/> tells whether any of it may have reached the backend — the line between
/// a retry that is always safe and one that is not.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly PipeReader _source;
    private readonly CancellationToken _callAborted;
    private int _started;

    public StreamingRequestContent(PipeReader source, CancellationToken callAborted)
    {
        _source = source;
        _callAborted = callAborted;
    }

    public bool Started => Volatile.Read(ref _started) == 1;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("A streamed request body cannot be sent twice.");
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _callAborted);
        while (true)
        {
            var read = await _source.ReadAsync(linked.Token);
            foreach (var segment in read.Buffer)
            {
                await stream.WriteAsync(segment, linked.Token);
            }

            _source.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return;
            }

            await stream.FlushAsync(linked.Token);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
