using System.Buffers;
using System.Buffers.Text;

namespace Platform.Redis.Internal;

/// <summary>Encodes a command as a RESP array of bulk strings into one pooled buffer, sized exactly.</summary>
internal static class CommandEncoder
{
    public static byte[] Encode(string command, ReadOnlySpan<RedisValue> args, out int length)
    {
        length = Header(args.Length + 1) + Bulk(command.Length);
        foreach (var arg in args)
        {
            length += Bulk(arg.ByteCount);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        var span = buffer.AsSpan();
        var at = WriteHeader(span, (byte)'*', args.Length + 1);
        at += WriteBulk(span[at..], command);
        foreach (var arg in args)
        {
            var count = arg.ByteCount;
            at += WriteHeader(span[at..], (byte)'$', count);
            at += arg.CopyTo(span[at..]);
            span[at++] = (byte)'\r';
            span[at++] = (byte)'\n';
        }

        return buffer;
    }

    private static int WriteBulk(Span<byte> span, string ascii)
    {
        var at = WriteHeader(span, (byte)'$', ascii.Length);
        foreach (var c in ascii)
        {
            span[at++] = (byte)c;
        }

        span[at++] = (byte)'\r';
        span[at++] = (byte)'\n';
        return at;
    }

    private static int WriteHeader(Span<byte> span, byte prefix, int number)
    {
        span[0] = prefix;
        Utf8Formatter.TryFormat(number, span[1..], out var written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        return written + 3;
    }

    private static int Header(int number) => Digits(number) + 3;

    private static int Bulk(int length) => Header(length) + length + 2;

    private static int Digits(int n) => n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10_000 ? 4 : n < 100_000 ? 5 : n < 1_000_000 ? 6 : n < 10_000_000 ? 7 : n < 100_000_000 ? 8 : n < 1_000_000_000 ? 9 : 10;
}
