using System.Buffers;
using System.Buffers.Text;

namespace Platform.Redis.Internal;

/// <summary>
/// Incremental RESP2/RESP3 reply parser. <see cref="TryParse"/> consumes one complete reply, or nothing when
/// the buffer holds only part of one (the caller then waits for more bytes).
/// </summary>
internal static class RespParser
{
    /// <summary>Aggregates deeper than this are refused: a malicious or broken peer cannot blow the stack.</summary>
    private const int MaxDepth = 64;

    public static bool TryParse(ref SequenceReader<byte> reader, out RedisReply reply) => TryParse(ref reader, out reply, 0);

    private static bool TryParse(ref SequenceReader<byte> reader, out RedisReply reply, int depth)
    {
        reply = RedisReply.Nil;
        var start = reader.Consumed;
        if (!reader.TryRead(out var prefix) || !reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8))
        {
            return Rewind(ref reader, start);
        }

        switch (prefix)
        {
            case (byte)'+':
                reply = new RedisReply(RedisReplyType.SimpleString, line.ToArray());
                return true;
            case (byte)'-':
                reply = new RedisReply(RedisReplyType.Error, line.ToArray());
                return true;
            case (byte)':':
                reply = new RedisReply(RedisReplyType.Integer, integer: ParseLong(line));
                return true;
            case (byte)'_':
                reply = RedisReply.Nil;
                return true;
            case (byte)'#':
                reply = new RedisReply(RedisReplyType.Boolean, integer: line.FirstSpan.Length > 0 && line.FirstSpan[0] == (byte)'t' ? 1 : 0);
                return true;
            case (byte)',':
                reply = new RedisReply(RedisReplyType.Double, line.ToArray());
                return true;
            case (byte)'(':
                reply = new RedisReply(RedisReplyType.BigNumber, line.ToArray());
                return true;
            case (byte)'$' or (byte)'=' or (byte)'!':
                return TryParseBlob(ref reader, prefix, ParseLong(line), start, out reply);
            case (byte)'*' or (byte)'~' or (byte)'>' or (byte)'%' or (byte)'|':
                return TryParseAggregate(ref reader, prefix, ParseLong(line), depth, start, out reply);
            default:
                throw new RedisConnectionException($"Protocol error: unexpected reply type byte 0x{prefix:X2}.");
        }
    }

    private static bool TryParseBlob(ref SequenceReader<byte> reader, byte prefix, long length, long start, out RedisReply reply)
    {
        reply = RedisReply.Nil;
        if (length < 0)
        {
            return true;
        }

        if (reader.Remaining < length + 2)
        {
            Rewind(ref reader, start);
            return false;
        }

        var payload = reader.Sequence.Slice(reader.Position, length).ToArray();
        reader.Advance(length + 2);
        reply = prefix switch
        {
            (byte)'!' => new RedisReply(RedisReplyType.Error, payload),
            // Verbatim strings start with a 3-letter format and a colon ("txt:"); callers want the text.
            (byte)'=' => new RedisReply(RedisReplyType.VerbatimString, payload.Length >= 4 ? payload[4..] : payload),
            _ => new RedisReply(RedisReplyType.BulkString, payload),
        };
        return true;
    }

    private static bool TryParseAggregate(ref SequenceReader<byte> reader, byte prefix, long count, int depth, long start, out RedisReply reply)
    {
        reply = RedisReply.Nil;
        if (count < 0)
        {
            return true;
        }

        if (depth >= MaxDepth)
        {
            throw new RedisConnectionException("Protocol error: reply nested too deeply.");
        }

        var total = prefix == (byte)'%' || prefix == (byte)'|' ? count * 2 : count;
        var elements = new RedisReply[total];
        for (var i = 0; i < total; i++)
        {
            if (!TryParse(ref reader, out elements[i], depth + 1))
            {
                Rewind(ref reader, start);
                return false;
            }
        }

        if (prefix == (byte)'|')
        {
            // An attribute describes the reply that follows it; the platform has no use for it.
            return TryParse(ref reader, out reply, depth) || Rewind(ref reader, start);
        }

        reply = new RedisReply(prefix switch
        {
            (byte)'~' => RedisReplyType.Set,
            (byte)'>' => RedisReplyType.Push,
            (byte)'%' => RedisReplyType.Map,
            _ => RedisReplyType.Array,
        }, elements: elements);
        return true;
    }

    private static bool Rewind(ref SequenceReader<byte> reader, long start)
    {
        reader.Rewind(reader.Consumed - start);
        return false;
    }

    private static long ParseLong(ReadOnlySequence<byte> line)
    {
        Span<byte> buffer = stackalloc byte[24];
        if (line.Length > buffer.Length)
        {
            throw new RedisConnectionException("Protocol error: length or integer too long.");
        }

        line.CopyTo(buffer);
        return Utf8Parser.TryParse(buffer[..(int)line.Length], out long value, out var consumed) && consumed == line.Length
            ? value
            : throw new RedisConnectionException("Protocol error: invalid integer in reply.");
    }
}
