using Google.Protobuf;
using Platform.Grpc.Server;

namespace Platform.Grpc.Internal.Server;

internal sealed class UnaryCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method, ServerMethodRuntime<TService> runtime, UnaryServerMethod<TService, TRequest, TResponse> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, runtime)
    where TService : class
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    protected override async Task HandleAsync(TService service, ServerCallContext context, ServerCallState state)
    {
        var request = await ReadSingleRequestAsync(state);
        var response = await invoker(service, request, context);
        await WriteSingleResponseAsync(state, response);
    }
}

internal sealed class ClientStreamingCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method, ServerMethodRuntime<TService> runtime, ClientStreamingServerMethod<TService, TRequest, TResponse> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, runtime)
    where TService : class
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    protected override async Task HandleAsync(TService service, ServerCallContext context, ServerCallState state)
    {
        var requests = new HttpRequestStreamReader<TRequest>(state, Method.RequestParser);
        var response = await invoker(service, requests, context);
        await WriteSingleResponseAsync(state, response);
    }
}

internal sealed class ServerStreamingCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method, ServerMethodRuntime<TService> runtime, ServerStreamingServerMethod<TService, TRequest, TResponse> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, runtime)
    where TService : class
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    protected override async Task HandleAsync(TService service, ServerCallContext context, ServerCallState state)
    {
        var request = await ReadSingleRequestAsync(state);
        await invoker(service, request, new HttpResponseStreamWriter<TResponse>(state), context);
    }
}

internal sealed class DuplexStreamingCallHandler<TService, TRequest, TResponse>(
    Method<TRequest, TResponse> method, ServerMethodRuntime<TService> runtime, DuplexStreamingServerMethod<TService, TRequest, TResponse> invoker)
    : ServerCallHandler<TService, TRequest, TResponse>(method, runtime)
    where TService : class
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    protected override Task HandleAsync(TService service, ServerCallContext context, ServerCallState state) =>
        invoker(service, new HttpRequestStreamReader<TRequest>(state, Method.RequestParser), new HttpResponseStreamWriter<TResponse>(state), context);
}
