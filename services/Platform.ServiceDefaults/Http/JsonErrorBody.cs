using System.Text.Encodings.Web;
using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// The platform's JSON error body, <c>{"code": 5, "status": "NOT_FOUND", "message": "..."}</c>, with the HTTP status
/// google.rpc.Code documents for the gRPC code. The services and the gateway write their JSON errors with it.
/// </summary>
public static class JsonErrorBody
{
    public const string ContentType = "application/json; charset=utf-8";

    // As JSON transcoding writes its responses: quotes in messages stay readable ("'id'", not "\u0027id\u0027").
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the body with <see cref="HttpStatusFor"/> (or <paramref name="httpStatus"/>); the response must not have started.</summary>
    public static async Task WriteAsync(HttpContext context, StatusCode code, string message, int? httpStatus = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = httpStatus ?? HttpStatusFor(code);
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = null;
        await using var writer = new Utf8JsonWriter(context.Response.Body, WriterOptions);
        writer.WriteStartObject();
        writer.WriteNumber("code", (int)code);
        writer.WriteString("status", StatusName(code));
        writer.WriteString("message", message);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>
    /// The HTTP status for a gRPC code, as google.rpc.Code documents it, but for RESOURCE_EXHAUSTED: on this platform
    /// it is a size refusal (413, do not retry as is) everywhere but the gateway's rate limiter, which says 429
    /// itself — clients read 429 as "retry later".
    /// </summary>
    public static int HttpStatusFor(StatusCode code) => code switch
    {
        StatusCode.OK => 200,
        StatusCode.Cancelled => 499,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => 400,
        StatusCode.DeadlineExceeded => 504,
        StatusCode.NotFound => 404,
        StatusCode.AlreadyExists or StatusCode.Aborted => 409,
        StatusCode.PermissionDenied => 403,
        StatusCode.Unauthenticated => 401,
        StatusCode.ResourceExhausted => 413,
        StatusCode.Unimplemented => 501,
        StatusCode.Unavailable => 503,
        _ => 500,
    };

    /// <summary>UPPER_SNAKE names as in google.rpc.Code.</summary>
    public static string StatusName(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.Unknown => "UNKNOWN",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => "UNKNOWN",
    };

    /// <summary>The gRPC code closest to an HTTP error status, for error responses that carry no code of their own.</summary>
    public static StatusCode CodeFor(int httpStatus) => httpStatus switch
    {
        400 => StatusCode.InvalidArgument,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.NotFound,
        405 or 501 => StatusCode.Unimplemented,
        409 => StatusCode.Aborted,
        413 or 429 => StatusCode.ResourceExhausted,
        499 => StatusCode.Cancelled,
        503 => StatusCode.Unavailable,
        504 => StatusCode.DeadlineExceeded,
        < 500 => StatusCode.InvalidArgument,
        _ => StatusCode.Internal,
    };
}
