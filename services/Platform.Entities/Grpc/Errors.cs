using System.Diagnostics.CodeAnalysis;
using Platform.Grpc;

namespace Platform.Entities.Grpc;

/// <summary>Throw helpers: each error names the field or resource, as the API contract requires.</summary>
internal static class Errors
{
    [DoesNotReturn]
    public static void InvalidArgument(string field, string problem) =>
        throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"));

    [DoesNotReturn]
    public static void NotFound(string id) =>
        throw new RpcException(new Status(StatusCode.NotFound, $"Entity '{id}' not found"));

    [DoesNotReturn]
    public static void AlreadyExists(string problem) =>
        throw new RpcException(new Status(StatusCode.AlreadyExists, problem));

    [DoesNotReturn]
    public static void Unauthenticated(string operation) =>
        throw new RpcException(new Status(StatusCode.Unauthenticated,
            $"{operation} is an editor operation and needs the caller's identity ({Platform.Contracts.CallerMetadata.Identity} metadata, set by the gateway)"));
}
