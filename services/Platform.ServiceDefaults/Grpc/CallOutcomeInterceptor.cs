using System.Data.Common;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>
/// Logs every call a handler ends with a status other than OK (the status and its message, which name the
/// problem), so an operator sees refused requests without turning on framework debug logs. An unhandled exception
/// is logged with its stack trace and answered INTERNAL without its text but with the call's trace id, which finds
/// the log entry (Grpc.AspNetCore alone would answer UNKNOWN; INTERNAL is what the gRPC status guide prescribes for a
/// server bug). A database that is down or restarting (a transient <see cref="DbException"/>) is no bug: UNAVAILABLE.
/// The platform's clients retry that only for idempotent methods (as the protos mark them): a connection lost during a
/// commit leaves it unknown whether the write happened, which only an idempotent call may ignore.
/// </summary>
internal sealed partial class CallOutcomeInterceptor(ILogger<CallOutcomeInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException e)
        {
            Log(context, e);
            throw;
        }
        catch (Exception e) when (IsServerFault(e, context))
        {
            throw Internal(context, e);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (RpcException e)
        {
            Log(context, e);
            throw;
        }
        catch (Exception e) when (IsServerFault(e, context))
        {
            throw Internal(context, e);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (RpcException e)
        {
            Log(context, e);
            throw;
        }
        catch (Exception e) when (IsServerFault(e, context))
        {
            throw Internal(context, e);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (RpcException e)
        {
            Log(context, e);
            throw;
        }
        catch (Exception e) when (IsServerFault(e, context))
        {
            throw Internal(context, e);
        }
    }

    private void Log(ServerCallContext context, RpcException e) => CallFailed(logger, context.Method, e.StatusCode, e.Status.Detail);

    // A cancellation caused by the caller (or its deadline) is not a fault: Grpc.AspNetCore answers it itself.
    private static bool IsServerFault(Exception e, ServerCallContext context) =>
        !(e is OperationCanceledException && context.CancellationToken.IsCancellationRequested);

    private RpcException Internal(ServerCallContext context, Exception e)
    {
        var traceId = Activity.Current?.TraceId.ToString() ?? "none";
        if (e is DbException { IsTransient: true })
        {
            StoreUnavailable(logger, context.Method, traceId, e.Message);
            return new RpcException(new Status(StatusCode.Unavailable, $"The service's database was unavailable ({e.GetType().Name}); the call may not have completed: repeat it if it is safe to repeat (ingest with a request_id is). Trace id {traceId}."));
        }

        HandlerFailed(logger, context.Method, traceId, e);
        return new RpcException(new Status(StatusCode.Internal, $"The service failed while handling the call; the failure is logged with trace id {traceId}."));
    }

    [LoggerMessage(1, LogLevel.Information, "gRPC call {Method} ended with {StatusCode}: {Detail}")]
    private static partial void CallFailed(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(2, LogLevel.Error, "gRPC call {Method} failed with an unhandled exception; answered INTERNAL (trace id {TraceId})")]
    private static partial void HandlerFailed(ILogger logger, string method, string traceId, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "gRPC call {Method} found the database unavailable; answered UNAVAILABLE (trace id {TraceId}): {Problem}")]
    private static partial void StoreUnavailable(ILogger logger, string method, string traceId, string problem);
}
