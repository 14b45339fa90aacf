using Google.Protobuf;
using Platform.Grpc;
using Platform.Grpc.Client;

namespace Platform.Client;

/// <summary>Adds the caller's credentials to every call, and the default deadline to unary calls that set none.</summary>
internal sealed class CredentialsInterceptor(PlatformClientOptions options) : ClientInterceptor
{
    public override AsyncUnaryCall<TResponse> UnaryCall<TRequest, TResponse>(
        TRequest request, ClientCallContext<TRequest, TResponse> context,
        Func<TRequest, ClientCallContext<TRequest, TResponse>, AsyncUnaryCall<TResponse>> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var callOptions = WithCredentials(context.Options);
        if (callOptions.Deadline is null)
        {
            callOptions = callOptions.WithTimeout(options.DefaultTimeout);
        }

        return continuation(request, context with { Options = callOptions });
    }

    public override AsyncServerStreamingCall<TResponse> ServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientCallContext<TRequest, TResponse> context,
        Func<TRequest, ClientCallContext<TRequest, TResponse>, AsyncServerStreamingCall<TResponse>> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, context with { Options = WithCredentials(context.Options) });
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> ClientStreamingCall<TRequest, TResponse>(
        ClientCallContext<TRequest, TResponse> context,
        Func<ClientCallContext<TRequest, TResponse>, AsyncClientStreamingCall<TRequest, TResponse>> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(context with { Options = WithCredentials(context.Options) });
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreamingCall<TRequest, TResponse>(
        ClientCallContext<TRequest, TResponse> context,
        Func<ClientCallContext<TRequest, TResponse>, AsyncDuplexStreamingCall<TRequest, TResponse>> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(context with { Options = WithCredentials(context.Options) });
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

        return call with { Headers = headers };
    }
}
