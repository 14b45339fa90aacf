using System.IO.Pipelines;
using System.Net;

namespace Platform.Gateway.Forwarding.Forwarding;

/// <summary>
/// The caller's request body, streamed to the backend as it arrives: each chunk is flushed at once, so a
/// client stream's messages reach the backend one by one (a bidirectional call would deadlock if they waited
/// for the end). <see cref="Started"/> tells whether any of it may have reached the backend — the line between
/// a retry that is always safe and one that is not.
/// The copy may outlive the response (HttpClient stops it asynchronously); <see cref="StopAsync"/> must end it
/// before the request finishes, because Kestrel pools each stream's body pipe and hands it to the next call.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly PipeReader _source;
    private readonly CancellationTokenSource _stop;
    private readonly TaskCompletionSource _copied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    public StreamingRequestContent(PipeReader source, CancellationToken callAborted)
    {
        _source = source;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(callAborted);
    }

    public bool Started => Volatile.Read(ref _started) == 1;

    /// <summary>Ends the copy (if it is still waiting for the caller's body) and waits until it no longer touches the pipe.</summary>
    public async Task StopAsync()
    {
        if (!Started)
        {
            return;
        }

        if (!_copied.Task.IsCompleted)
        {
            await _stop.CancelAsync();
            _source.CancelPendingRead();
        }

        await _copied.Task;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && (!Started || _copied.Task.IsCompleted))
        {
            _stop.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("A streamed request body cannot be sent twice.");
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            while (true)
            {
                var read = await _source.ReadAsync(linked.Token);
                if (read.IsCanceled)
                {
                    throw new OperationCanceledException("The call ended before the caller finished sending.");
                }

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
        finally
        {
            _copied.TrySetResult();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
