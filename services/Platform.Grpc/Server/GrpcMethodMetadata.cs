namespace Platform.Grpc.Server;

/// <summary>Endpoint metadata naming the gRPC method an endpoint serves (for middleware, auth and the gateway).</summary>
public sealed record GrpcMethodMetadata(string ServiceName, string MethodName, MethodType Type);
