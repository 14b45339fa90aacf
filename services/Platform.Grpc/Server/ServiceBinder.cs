using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Platform.Grpc.Server;

/// <summary>
/// Receives a service's methods from generated code (<c>XService.BindService(binder)</c>) and turns
/// each into an endpoint. Implemented by the server; service authors never call it directly.
/// </summary>
public abstract class ServiceBinder<TService>
    where TService : class
{
    /// <summary>The proto service, for reflection and health.</summary>
    public abstract void AddServiceDescriptor(ServiceDescriptor descriptor);

    public abstract void AddUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TService, TRequest, TResponse> invoker)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>;

    public abstract void AddClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TService, TRequest, TResponse> invoker)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>;

    public abstract void AddServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TService, TRequest, TResponse> invoker)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>;

    public abstract void AddDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TService, TRequest, TResponse> invoker)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>;
}
