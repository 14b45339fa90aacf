using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Grpc.Server;

namespace Platform.Grpc.Internal.Server;

/// <summary>Maps each method that generated code binds to a POST endpoint at the method's path.</summary>
internal sealed class EndpointServiceBinder<TService>(
    IEndpointRouteBuilder endpoints, ServerMethodRuntime<TService> runtime, GrpcServiceRegistry registry)
    : ServiceBinder<TService>
    where TService : class
{
    public List<IEndpointConventionBuilder> Endpoints { get; } = [];

    public override void AddServiceDescriptor(ServiceDescriptor descriptor) => registry.Add(descriptor);

    public override void AddUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TService, TRequest, TResponse> invoker) =>
        Map(method, new UnaryCallHandler<TService, TRequest, TResponse>(method, runtime, invoker).HandleCallAsync);

    public override void AddClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TService, TRequest, TResponse> invoker) =>
        Map(method, new ClientStreamingCallHandler<TService, TRequest, TResponse>(method, runtime, invoker).HandleCallAsync);

    public override void AddServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TService, TRequest, TResponse> invoker) =>
        Map(method, new ServerStreamingCallHandler<TService, TRequest, TResponse>(method, runtime, invoker).HandleCallAsync);

    public override void AddDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TService, TRequest, TResponse> invoker) =>
        Map(method, new DuplexStreamingCallHandler<TService, TRequest, TResponse>(method, runtime, invoker).HandleCallAsync);

    private void Map<TRequest, TResponse>(Method<TRequest, TResponse> method, RequestDelegate handler)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        // Any verb reaches the handler, so a GET gets a gRPC-shaped 405 rather than routing's bare one.
        var endpoint = endpoints.Map(method.FullName, handler)
            .WithDisplayName("gRPC " + method.FullName)
            .WithMetadata(new GrpcMethodMetadata(method.ServiceName, method.Name, method.Type));
        Endpoints.Add(endpoint);
    }
}
