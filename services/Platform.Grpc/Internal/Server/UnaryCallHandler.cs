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
