using System.Buffers;
using System.Diagnostics;

namespace Platform.Redis.Internal;

/// <summary>One command on its way: its encoded bytes until written, then its place in the reply queue.</summary>
internal sealed class PendingCommand(string name, byte[] buffer, int length)
    : TaskCompletionSource<RedisReply>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    private byte[]? _buffer = buffer;

    public string Name { get; } = name;

    public int Length { get; } = length;

    public long Enqueued { get; } = Stopwatch.GetTimestamp();

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

    /// <summary>Returns the encoded bytes to the pool once written (or abandoned).</summary>
    public void ReleaseBuffer()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
