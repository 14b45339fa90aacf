using Google.Protobuf;

namespace Platform.Grpc.Client;

/// <summary>The method and options of a call passing through a client interceptor.</summary>
public readonly record struct ClientCallContext<TRequest, TResponse>(Method<TRequest, TResponse> Method, CallOptions Options)
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>;

/// <summary>
/// Wraps outgoing calls (adding metadata, logging, metrics). Override the shapes you care about; each
/// default passes the call on unchanged. Add with <see cref="GrpcChannelOptions.Interceptors"/>.
/// </summary>
public abstract class ClientInterceptor
{
    public virtual AsyncUnaryCall<TResponse> UnaryCall<TRequest, TResponse>(
        TRequest request, ClientCallContext<TRequest, TResponse> context,
        Func<TRequest, ClientCallContext<TRequest, TResponse>, AsyncUnaryCall<TResponse>> continuation)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, context);
    }

    public virtual AsyncServerStreamingCall<TResponse> ServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientCallContext<TRequest, TResponse> context,
        Func<TRequest, ClientCallContext<TRequest, TResponse>, AsyncServerStreamingCall<TResponse>> continuation)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(request, context);
    }

    public virtual AsyncClientStreamingCall<TRequest, TResponse> ClientStreamingCall<TRequest, TResponse>(
        ClientCallContext<TRequest, TResponse> context,
        Func<ClientCallContext<TRequest, TResponse>, AsyncClientStreamingCall<TRequest, TResponse>> continuation)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(context);
    }

    public virtual AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreamingCall<TRequest, TResponse>(
        ClientCallContext<TRequest, TResponse> context,
        Func<ClientCallContext<TRequest, TResponse>, AsyncDuplexStreamingCall<TRequest, TResponse>> continuation)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return continuation(context);
    }
}
