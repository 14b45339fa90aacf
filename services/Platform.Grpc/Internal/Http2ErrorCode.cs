namespace Platform.Grpc.Internal;

/// <summary>HTTP/2 error codes used in RST_STREAM (RFC 9113 §7).</summary>
internal enum Http2ErrorCode
{
    NoError = 0x0,
    ProtocolError = 0x1,
    InternalError = 0x2,
    FlowControlError = 0x3,
    StreamClosed = 0x5,
    RefusedStream = 0x7,
    Cancel = 0x8,
}
