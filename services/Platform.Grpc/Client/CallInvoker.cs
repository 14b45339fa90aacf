using Google.Protobuf;

namespace Platform.Grpc.Client;

/// <summary>Starts calls of each shape. Generated clients call it; interceptors wrap it.</summary>
public abstract class CallInvoker
{
    public abstract AsyncUnaryCall<TResponse> UnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>;

    public abstract AsyncServerStreamingCall<TResponse> ServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>;

    public abstract AsyncClientStreamingCall<TRequest, TResponse> ClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>;

    public abstract AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>;
}
