using System.Diagnostics.CodeAnalysis;
using Platform.Grpc;

namespace Platform.Documents.Grpc;

/// <summary>Throw helpers: each error names the field or resource, as the API contract requires.</summary>
internal static class Errors
{
    [DoesNotReturn]
    public static void InvalidArgument(string field, string problem) =>
        throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"));

    [DoesNotReturn]
    public static void NotFound(string id) =>
        throw new RpcException(new Status(StatusCode.NotFound, $"Document '{id}' not found"));

    [DoesNotReturn]
    public static void TooLarge(string field, string problem) =>
        throw new RpcException(new Status(StatusCode.ResourceExhausted, $"{field}: {problem}"));
}
