using System.Buffers.Binary;
using Google.Protobuf;

namespace Platform.Gateway.Forwarding.Health;

/// <summary>
/// grpc.health.v1 HealthCheckRequest { string service = 1; } and HealthCheckResponse { ServingStatus status = 1; },
/// encoded by hand: two one-field messages do not warrant generated code in the forwarder.
/// </summary>
internal readonly struct HealthCheckRequestMessage(string service)
{
    public byte[] Frame()
    {
        var payload = new byte[string.IsNullOrEmpty(service) ? 0 : CodedOutputStream.ComputeTagSize(1) + CodedOutputStream.ComputeStringSize(service)];
        if (payload.Length > 0)
        {
            var output = new CodedOutputStream(payload);
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteString(service);
            output.Flush();
        }

        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>The status field (SERVING = 1), or 0 when absent.</summary>
    public static int ReadServingStatus(ReadOnlySpan<byte> message)
    {
        var input = new CodedInputStream(message.ToArray());
        int status = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (tag == WireFormat.MakeTag(1, WireFormat.WireType.Varint))
            {
                status = input.ReadEnum();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return status;
    }
}
