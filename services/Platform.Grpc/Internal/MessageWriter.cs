using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Platform.Grpc.Internal;

/// <summary>Writes one length-prefixed gRPC message into a pipe (the caller flushes).</summary>
internal static class MessageWriter
{
    public static void Write(PipeWriter writer, IMessage message, bool compress, int maxSize)
    {
        var size = message.CalculateSize();
        if (size > maxSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Sending message larger than max ({size} vs. {maxSize})"));
        }

        if (compress)
        {
            var raw = message.ToByteArray();
            var packed = GrpcCompression.Compress(raw);
            var span = writer.GetSpan(GrpcProtocol.MessageHeaderSize + packed.Length);
            span[0] = 1;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)packed.Length);
            packed.CopyTo(span[GrpcProtocol.MessageHeaderSize..]);
            writer.Advance(GrpcProtocol.MessageHeaderSize + packed.Length);
            return;
        }

        var frame = writer.GetSpan(GrpcProtocol.MessageHeaderSize + size);
        frame[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(frame[1..], (uint)size);
        message.WriteTo(frame.Slice(GrpcProtocol.MessageHeaderSize, size));
        writer.Advance(GrpcProtocol.MessageHeaderSize + size);
    }
}
