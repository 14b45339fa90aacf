using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// A response body that decides at its first write or flush: with an error status (400 and up) it keeps what is
/// written so the caller can rewrite it; otherwise it passes everything straight through, unbuffered.
/// </summary>
internal sealed class ErrorCaptureStream(Stream inner, HttpResponse response) : Stream
{
    private bool _decided;
    private MemoryStream? _captured;

    /// <summary>The error body written, or null when the response was passed through (or nothing was written).</summary>
    public MemoryStream? Captured => _captured;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    private Stream Target
    {
        get
        {
            if (!_decided)
            {
                _decided = true;
                if (response.StatusCode >= StatusCodes.Status400BadRequest)
                {
                    _captured = new MemoryStream();
                }
            }

            return (Stream?)_captured ?? inner;
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Target.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => Target.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Target.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        Target.WriteAsync(buffer, cancellationToken);

    public override void Flush() => Target.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => Target.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
