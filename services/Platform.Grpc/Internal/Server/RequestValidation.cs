using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Grpc.Internal.Server;

/// <summary>
/// Refuses requests that are not gRPC before any service code runs, with both an HTTP status (for
/// non-gRPC clients and proxies) and a grpc-status (for gRPC clients).
/// </summary>
internal static class RequestValidation
{
    public static bool Validate(HttpContext context, ILogger logger)
    {
        var request = context.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            // gRPC needs HTTP/2: trailers and full-duplex streams do not exist in HTTP/1.1.
            Reject(context, logger, StatusCodes.Status426UpgradeRequired,
                $"Request protocol '{request.Protocol}' is not supported; gRPC requires HTTP/2");
            return false;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            Reject(context, logger, StatusCodes.Status405MethodNotAllowed, $"Method '{request.Method}' is not supported; gRPC requires POST");
            return false;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            Reject(context, logger, StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{request.ContentType}' is not supported; expected application/grpc");
            return false;
        }

        return true;
    }

    /// <summary>Ends a valid gRPC request with a status before any handler ran (Trailers-Only).</summary>
    public static Task RejectAsync(HttpContext context, Status status)
    {
        var response = context.Response;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusTrailer] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageTrailer] = PercentEncoding.Encode(status.Detail);
        return Task.CompletedTask;
    }

    private static void Reject(HttpContext context, ILogger logger, int httpStatus, string reason)
    {
        ServerLog.RequestRejected(logger, context.Request.Path, reason);
        var response = context.Response;
        response.StatusCode = httpStatus;
        response.Headers[GrpcProtocol.StatusTrailer] = ((int)StatusCode.Internal).ToString(CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageTrailer] = PercentEncoding.Encode(reason);
    }
}
