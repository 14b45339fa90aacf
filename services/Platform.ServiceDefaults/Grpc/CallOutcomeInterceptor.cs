using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>
/// Logs every call a handler ends with a status other than OK (the status and its message, which name the
/// problem), so an operator sees refused requests without turning on framework debug logs. Unhandled exceptions
/// are left to Grpc.AspNetCore, which logs them and answers INTERNAL without details.
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
    }

    private void Log(ServerCallContext context, RpcException e) => CallFailed(logger, context.Method, e.StatusCode, e.Status.Detail);

    [LoggerMessage(1, LogLevel.Information, "gRPC call {Method} ended with {StatusCode}: {Detail}")]
    private static partial void CallFailed(ILogger logger, string method, StatusCode statusCode, string detail);
}
