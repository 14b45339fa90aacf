using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.Gateway.Proxy;

namespace Platform.Gateway.Hosting;

/// <summary>
/// The gateway's limits on a request's target (path and query) and header block, refused with the platform's JSON
/// error (or a gRPC status) that names the limit: 414 and 431, RESOURCE_EXHAUSTED. Kestrel enforces limits of its own
/// but answers them with an empty body and offers no hook to write one, so its ceilings are set well above these and
/// this middleware, first in the pipeline, refuses at the gateway's. Only a request past Kestrel's ceiling (64 KiB)
/// still gets Kestrel's bare answer.
/// </summary>
public static class RequestSizeLimits
{
    public const int MaxTargetBytes = 8 * 1024;

    // Below the services' own Kestrel limits (32 KiB in all, 16 KiB a field over HTTP/2), with room for the headers
    // the gateway adds (X-Forwarded-*, traceparent, the caller): what the gateway passes, a service accepts.
    public const int MaxHeaderBytes = 24 * 1024;
    public const int MaxHeaderFieldBytes = 8 * 1024;
    private const int KestrelCeiling = 64 * 1024;

    public static void RaiseKestrelCeilings(KestrelServerLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.MaxRequestLineSize = KestrelCeiling;
        limits.MaxRequestHeadersTotalSize = KestrelCeiling;
    }

    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget.Length;
        if (target > MaxTargetBytes)
        {
            return GatewayErrors.WriteAsync(context, StatusCode.ResourceExhausted,
                $"The request's path and query are {target} bytes, over the gateway's limit of {MaxTargetBytes}: shorten the query.",
                StatusCodes.Status414UriTooLong);
        }

        var headers = 0L;
        var largest = (Name: "", Bytes: 0L);
        foreach (var (name, values) in context.Request.Headers)
        {
            var field = name.Length + 4L; // ": " and CRLF
            foreach (var value in values)
            {
                field += value?.Length ?? 0;
            }

            headers += field;
            largest = field > largest.Bytes ? (name, field) : largest;
        }

        if (largest.Bytes > MaxHeaderFieldBytes)
        {
            return GatewayErrors.WriteAsync(context, StatusCode.ResourceExhausted,
                $"The request's header '{largest.Name}' is {largest.Bytes} bytes, over the gateway's limit of {MaxHeaderFieldBytes} for one header.",
                StatusCodes.Status431RequestHeaderFieldsTooLarge);
        }

        return headers > MaxHeaderBytes
            ? GatewayErrors.WriteAsync(context, StatusCode.ResourceExhausted,
                $"The request's headers are {headers} bytes, over the gateway's limit of {MaxHeaderBytes}.",
                StatusCodes.Status431RequestHeaderFieldsTooLarge)
            : next(context);
    });
}
