using System.Buffers.Binary;
using Google.Protobuf;

namespace Platform.Gateway.Forwarding.Forwarding;

/// <summary>gRPC's length-prefixed message framing, for the calls the gateway makes itself (probes, transcoding).</summary>
public static class GrpcFrames
{
    public const int HeaderLength = 5;

    public static byte[] Frame(IMessage message)
    {
        var size = message.CalculateSize();
        var frame = new byte[HeaderLength + size];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)size);
        message.WriteTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    /// <summary>Splits a whole response body into its messages; throws on a compressed or truncated frame.</summary>
    public static List<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> body)
    {
        var messages = new List<ReadOnlyMemory<byte>>();
        while (!body.IsEmpty)
        {
            if (body.Length < HeaderLength)
            {
                throw new InvalidDataException("The backend's response ends inside a gRPC frame header.");
            }

            if (body.Span[0] != 0)
            {
                throw new InvalidDataException("The backend compressed its response although the gateway asked for identity.");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(body.Span[1..HeaderLength]);
            if (length > body.Length - HeaderLength)
            {
                throw new InvalidDataException("The backend's response ends inside a gRPC message.");
            }

            messages.Add(body.Slice(HeaderLength, (int)length));
            body = body[(HeaderLength + (int)length)..];
        }

        return messages;
    }
}
