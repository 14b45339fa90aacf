namespace Platform.Grpc;

/// <summary>The four shapes of a gRPC call.</summary>
public enum MethodType
{
    Unary,
    ClientStreaming,
    ServerStreaming,
    DuplexStreaming,
}
