using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Platform.ServiceDefaults.Http;

namespace Platform.Gateway.Proxy;

/// <summary>
/// Errors the gateway itself produces, in the caller's protocol: a gRPC status for gRPC callers (never an HTML
/// page or a bare 502, which a gRPC client reads as a protocol error), the platform's JSON error body otherwise.
/// </summary>
public static class GatewayErrors
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    public static Task WriteAsync(HttpContext context, StatusCode code, string message, int? httpStatus = null)
    {
        if (!IsGrpc(context.Request))
        {
            return context.Response.HasStarted ? Abort(context) : JsonErrorBody.WriteAsync(context, code, message, httpStatus);
        }

        if (!context.Response.HasStarted)
        {
            // Trailers-only: HTTP 200, no body, the status in the (only) header block.
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            if (!context.Response.SupportsTrailers())
            {
                context.Response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
                return Task.CompletedTask;
            }
        }

        AppendStatusTrailers(context, code, message);
        return Task.CompletedTask;
    }

    /// <summary>Ends a gRPC response that has started with a status, so the caller sees a reason rather than a reset stream.</summary>
    public static void AppendStatusTrailers(HttpContext context, StatusCode code, string message)
    {
        if (context.Response.SupportsTrailers())
        {
            context.Response.AppendTrailer("grpc-status", ((int)code).ToString(CultureInfo.InvariantCulture));
            context.Response.AppendTrailer("grpc-message", Uri.EscapeDataString(message));
        }
    }

    private static Task Abort(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }
}
