using Platform.Grpc.Client;

namespace Platform.Grpc.Internal.Client;

/// <summary>Makes calls over the channel's HTTP/2 connections.</summary>
internal sealed class HttpCallInvoker(GrpcChannel channel) : CallInvoker
{
    public override AsyncUnaryCall<TResponse> UnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        if (method.IsIdempotent && channel.Options.RetryPolicy is { MaxAttempts: > 1 } policy)
        {
            var retrying = new RetryingUnaryCall<TRequest, TResponse>(channel, method, request, options, policy);
            return new AsyncUnaryCall<TResponse>(retrying.RunAsync(), retrying);
        }

        var call = new GrpcCall<TRequest, TResponse>(channel, method, options);
        call.Start(request);
        return new AsyncUnaryCall<TResponse>(call.GetResponseAsync(), call);
    }

    public override AsyncServerStreamingCall<TResponse> ServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        var call = new GrpcCall<TRequest, TResponse>(channel, method, options);
        call.Start(request);
        return new AsyncServerStreamingCall<TResponse>(new ClientResponseStreamReader<TRequest, TResponse>(call), call);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> ClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        var call = new GrpcCall<TRequest, TResponse>(channel, method, options);
        var writer = call.StartStreaming();
        return new AsyncClientStreamingCall<TRequest, TResponse>(writer, call.GetResponseAsync(), call);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        var call = new GrpcCall<TRequest, TResponse>(channel, method, options);
        var writer = call.StartStreaming();
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(writer, new ClientResponseStreamReader<TRequest, TResponse>(call), call);
    }
}
