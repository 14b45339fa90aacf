using Microsoft.Extensions.Logging;

namespace Platform.Grpc.Internal.Server;

/// <summary>The gRPC server's log messages, with fixed event ids.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Error, "Unhandled exception in gRPC method {Method}; the call ends with INTERNAL")]
    public static partial void UnhandledException(ILogger logger, string method, Exception exception);

    [LoggerMessage(2, LogLevel.Debug, "gRPC call {Method} was cancelled by the client")]
    public static partial void CallCancelled(ILogger logger, string method);

    [LoggerMessage(3, LogLevel.Debug, "gRPC call {Method} exceeded its deadline")]
    public static partial void DeadlineExceeded(ILogger logger, string method);

    [LoggerMessage(4, LogLevel.Debug, "Rejected request to {Path}: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string path, string reason);

    [LoggerMessage(5, LogLevel.Information, "gRPC call {Method} ended with {StatusCode}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string method, StatusCode statusCode, string detail);
}
