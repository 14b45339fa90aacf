using System.Net;

namespace Platform.Grpc.Internal.Client;

/// <summary>Statuses for failures below gRPC: HTTP statuses (grpc/doc/http-grpc-status-mapping.md) and transport errors.</summary>
internal static class HttpStatusMapping
{
    public static Status ToStatus(HttpStatusCode code)
    {
        var grpc = code switch
        {
            HttpStatusCode.BadRequest => StatusCode.Internal,
            HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
            HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
            HttpStatusCode.NotFound => StatusCode.Unimplemented,
            HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
            _ => StatusCode.Unknown,
        };
        return new Status(grpc, $"HTTP status {(int)code} {code} from the server");
    }

    /// <summary>A reset stream or a broken connection. RST_STREAM codes map as in the gRPC HTTP/2 spec.</summary>
    public static Status FromTransportError(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException protocol)
            {
                return protocol.ErrorCode switch
                {
                    (long)Http2ErrorCode.Cancel => new Status(StatusCode.Cancelled, "The server cancelled the stream"),
                    (long)Http2ErrorCode.RefusedStream => new Status(StatusCode.Unavailable, "The server refused the stream"),
                    (long)Http2ErrorCode.NoError or (long)Http2ErrorCode.ProtocolError or (long)Http2ErrorCode.InternalError
                        or (long)Http2ErrorCode.FlowControlError => new Status(StatusCode.Internal, "Stream reset by the server: " + protocol.Message),
                    _ => new Status(StatusCode.Unavailable, "Stream reset by the server: " + protocol.Message),
                };
            }
        }

        return exception switch
        {
            HttpRequestException http => new Status(StatusCode.Unavailable, "Error connecting to the server: " + http.Message),
            IOException io => new Status(StatusCode.Unavailable, "Connection lost: " + io.Message),
            _ => new Status(StatusCode.Unknown, exception.GetType().Name + ": " + exception.Message),
        };
    }
}
