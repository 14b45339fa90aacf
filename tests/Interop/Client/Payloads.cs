using Google.Protobuf;
using Grpc.Testing;

namespace Platform.Interop.Client;

/// <summary>Request payloads and response parameters of the interop cases.</summary>
internal static class Payloads
{
    public static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };

    public static StreamingOutputCallRequest StreamingRequest(int requestSize, int responseSize) => new()
    {
        Payload = Zeros(requestSize),
        ResponseParameters = { new ResponseParameters { Size = responseSize } },
    };
}
