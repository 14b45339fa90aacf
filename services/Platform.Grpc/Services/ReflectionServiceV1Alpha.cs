using Google.Protobuf;
using Platform.Grpc.Server;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Platform.Grpc.Services;

/// <summary>
/// grpc.reflection.v1alpha.ServerReflection, still what most tools (grpcurl, grpc_cli) ask first. Its
/// messages are wire-identical to v1's, so requests and answers are converted through their bytes.
/// </summary>
internal sealed class ReflectionServiceV1Alpha(ReflectionIndex index) : V1Alpha.ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(
        IAsyncStreamReader<V1Alpha.ServerReflectionRequest> requestStream,
        IAsyncStreamWriter<V1Alpha.ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = V1.ServerReflectionRequest.Parser.ParseFrom(requestStream.Current.ToByteString());
            var answer = ReflectionServiceV1.Answer(index, request);
            await responseStream.WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(answer.ToByteString()), context.CancellationToken);
        }
    }
}
