using Google.Protobuf;
using Platform.Grpc.Server;

namespace Platform.Grpc.Internal.Server;

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
