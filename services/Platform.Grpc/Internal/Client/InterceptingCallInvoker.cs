using Platform.Grpc.Client;

namespace Platform.Grpc.Internal.Client;

/// <summary>Runs one interceptor in front of another invoker.</summary>
internal sealed class InterceptingCallInvoker(CallInvoker inner, ClientInterceptor interceptor) : CallInvoker
{
    public override AsyncUnaryCall<TResponse> UnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options) =>
        interceptor.UnaryCall(request, new ClientCallContext<TRequest, TResponse>(method, options),
            (r, c) => inner.UnaryCall(c.Method, r, c.Options));

    public override AsyncServerStreamingCall<TResponse> ServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options) =>
        interceptor.ServerStreamingCall(request, new ClientCallContext<TRequest, TResponse>(method, options),
            (r, c) => inner.ServerStreamingCall(c.Method, r, c.Options));

    public override AsyncClientStreamingCall<TRequest, TResponse> ClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        interceptor.ClientStreamingCall(new ClientCallContext<TRequest, TResponse>(method, options),
            c => inner.ClientStreamingCall(c.Method, c.Options));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        interceptor.DuplexStreamingCall(new ClientCallContext<TRequest, TResponse>(method, options),
            c => inner.DuplexStreamingCall(c.Method, c.Options));
}
