using Grpc.Reflection.V1;
using Platform.Grpc.Server;

namespace Platform.Grpc.Services;

/// <summary>grpc.reflection.v1.ServerReflection: one answer per request on a bidirectional stream.</summary>
internal sealed class ReflectionServiceV1(ReflectionIndex index) : ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(
        IAsyncStreamReader<ServerReflectionRequest> requestStream,
        IAsyncStreamWriter<ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            await responseStream.WriteAsync(Answer(index, requestStream.Current), context.CancellationToken);
        }
    }

    internal static ServerReflectionResponse Answer(ReflectionIndex index, ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                list.Service.AddRange(index.ServiceNames.Select(n => new ServiceResponse { Name = n }));
                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFiles(response, index.FileByName(request.FileByFilename), $"File '{request.FileByFilename}' not found");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFiles(response, index.FileContainingSymbol(request.FileContainingSymbol), $"Symbol '{request.FileContainingSymbol}' not found");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                // proto3 has no extensions: a known message type simply has none.
                if (index.IsMessageType(request.AllExtensionNumbersOfType))
                {
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                }
                else
                {
                    SetError(response, StatusCode.NotFound, $"Type '{request.AllExtensionNumbersOfType}' not found");
                }

                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                SetError(response, StatusCode.NotFound, "Extensions are not supported by this server");
                break;
            default:
                SetError(response, StatusCode.InvalidArgument, "The reflection request names no question");
                break;
        }

        return response;
    }

    private static void SetFiles(ServerReflectionResponse response, IReadOnlyList<Google.Protobuf.ByteString>? files, string notFound)
    {
        if (files is null)
        {
            SetError(response, StatusCode.NotFound, notFound);
            return;
        }

        var descriptors = new FileDescriptorResponse();
        descriptors.FileDescriptorProto.AddRange(files);
        response.FileDescriptorResponse = descriptors;
    }

    private static void SetError(ServerReflectionResponse response, StatusCode code, string message) =>
        response.ErrorResponse = new ErrorResponse { ErrorCode = (int)code, ErrorMessage = message };
}
