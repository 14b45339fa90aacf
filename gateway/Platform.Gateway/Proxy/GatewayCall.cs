using Platform.Gateway.Security;

namespace Platform.Gateway.Proxy;

/// <summary>What the gateway established about a call before forwarding it: the gRPC method, its access rule, the protocol.</summary>
public sealed record GatewayCall(string GrpcPath, MethodAccess Access, bool Json, string RouteId);
