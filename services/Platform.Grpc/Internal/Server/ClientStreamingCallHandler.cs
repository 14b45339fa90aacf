using Google.Protobuf;
using Platform.Grpc.Server;

namespace Platform.Grpc.Internal.Server;

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
