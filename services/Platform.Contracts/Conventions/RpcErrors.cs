using System.Diagnostics.CodeAnalysis;
using Grpc.Core;

namespace Platform.Contracts;

/// <summary>
/// Throw helpers for service handlers: each error names the request field or the resource, as the platform's
/// API contract requires, so a caller can tell what to fix without reading server logs.
/// </summary>
public static class RpcErrors
{
    /// <summary>INVALID_ARGUMENT "field: problem".</summary>
    [DoesNotReturn]
    public static void InvalidArgument(string field, string problem) =>
        throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"));

    /// <summary>NOT_FOUND "Resource 'id' not found".</summary>
    [DoesNotReturn]
    public static void NotFound(string resource, string id) =>
        throw new RpcException(new Status(StatusCode.NotFound, $"{resource} '{id}' not found"));

    /// <summary>RESOURCE_EXHAUSTED "field: problem" (a size or quota limit).</summary>
    [DoesNotReturn]
    public static void ResourceExhausted(string field, string problem) =>
        throw new RpcException(new Status(StatusCode.ResourceExhausted, $"{field}: {problem}"));

    [DoesNotReturn]
    public static void AlreadyExists(string problem) =>
        throw new RpcException(new Status(StatusCode.AlreadyExists, problem));

    [DoesNotReturn]
    public static void Unauthenticated(string problem) =>
        throw new RpcException(new Status(StatusCode.Unauthenticated, problem));
}
