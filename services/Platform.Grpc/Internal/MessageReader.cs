using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Platform.Grpc.Internal;

/// <summary>
/// Reads length-prefixed gRPC messages from a pipe, parsing each in place from the pipe's buffers.
/// Every malformed input ends in an <see cref="RpcException"/> with the status the spec calls for.
/// </summary>
internal static class MessageReader
{
    /// <summary>
    /// Reads the next message, or returns default when the stream ended cleanly between messages.
    /// <paramref name="encoding"/> is the peer's grpc-encoding (null or identity when none).
    /// </summary>
    public static async ValueTask<T?> ReadAsync<T>(
        PipeReader reader, MessageParser<T> parser, string? encoding, int maxSize, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;

            if (buffer.Length >= GrpcProtocol.MessageHeaderSize)
            {
                var (compressed, length) = ReadHeader(buffer);
                if (length > maxSize)
                {
                    reader.AdvanceTo(buffer.Start);
                    throw new RpcException(new Status(StatusCode.ResourceExhausted,
                        $"Received message larger than max ({length} vs. {maxSize})"));
                }

                var frameLength = GrpcProtocol.MessageHeaderSize + length;
                if (buffer.Length >= frameLength)
                {
                    var payload = buffer.Slice(GrpcProtocol.MessageHeaderSize, length);
                    T message;
                    try
                    {
                        message = Parse(parser, payload, compressed, encoding, maxSize);
                    }
                    finally
                    {
                        reader.AdvanceTo(buffer.GetPosition(frameLength));
                    }

                    return message;
                }
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                var remaining = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (remaining == 0)
                {
                    return default;
                }

                throw new RpcException(new Status(StatusCode.Internal,
                    $"Incomplete message: the stream ended {remaining} bytes into a frame"));
            }

            // Need more data: consume nothing, but mark everything as examined.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static (bool Compressed, long Length) ReadHeader(ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[GrpcProtocol.MessageHeaderSize];
        buffer.Slice(0, GrpcProtocol.MessageHeaderSize).CopyTo(header);
        var flag = header[0];
        if (flag > 1)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Invalid compressed flag {flag} in message header"));
        }

        return (flag == 1, BinaryPrimitives.ReadUInt32BigEndian(header[1..]));
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload, bool compressed, string? encoding, int maxSize)
        where T : IMessage<T>
    {
        if (compressed)
        {
            if (GrpcCompression.IsIdentity(encoding))
            {
                // PROTOCOL-HTTP2.md: a compressed message without a grpc-encoding is a protocol error.
                throw new RpcException(new Status(StatusCode.Internal,
                    "Message has the compressed flag set but no grpc-encoding was given"));
            }

            byte[]? inflated;
            try
            {
                inflated = GrpcCompression.Decompress(payload, maxSize);
            }
            catch (InvalidDataException e)
            {
                throw new RpcException(new Status(StatusCode.Internal, "Could not decompress message: " + e.Message));
            }

            if (inflated is null)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted,
                    $"Decompressed message larger than max ({maxSize} bytes)"));
            }

            payload = new ReadOnlySequence<byte>(inflated);
        }

        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize message: " + e.Message));
        }
    }
}
