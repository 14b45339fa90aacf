using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Platform.Client;

/// <summary>Adds the caller's credentials to every call, and the default deadline to unary calls that set none.</summary>
internal sealed class CredentialsInterceptor(PlatformClientOptions options) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var callOptions = WithCredentials(context.Options);
        if (callOptions.Deadline is null)
        {
            callOptions = callOptions.WithDeadline(DateTime.UtcNow + options.DefaultTimeout);
        }

        return continuation(request, new(context.Method, context.Host, callOptions));
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, new(context.Method, context.Host, WithCredentials(context.Options)));
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(new(context.Method, context.Host, WithCredentials(context.Options)));
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(new(context.Method, context.Host, WithCredentials(context.Options)));
    }

    private CallOptions WithCredentials(CallOptions call)
    {
        if (options.ApiKey is null && options.BearerToken is null)
        {
            return call;
        }

        var headers = new Metadata();
        foreach (var entry in call.Headers ?? [])
        {
            headers.Add(entry);
        }

        if (options.ApiKey is not null)
        {
            headers.Add("x-api-key", options.ApiKey);
        }

        if (options.BearerToken is not null)
        {
            headers.Add("authorization", "Bearer " + options.BearerToken);
        }

        return call.WithHeaders(headers);
    }
}
