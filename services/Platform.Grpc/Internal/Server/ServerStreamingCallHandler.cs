using Google.Protobuf;
using Platform.Grpc.Server;

namespace Platform.Grpc.Internal.Server;

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
