using Google.Protobuf;
using Grpc.Testing;
using Platform.Grpc;
using Platform.Grpc.Server;

namespace Platform.Interop.Server;

/// <summary>
/// grpc.testing.TestService with the behaviour the interop cases expect (grpc/doc/interop-test-descriptions.md):
/// payloads of the requested sizes, requested statuses, echoed metadata, paced streaming responses.
/// </summary>
public sealed class InteropTestService : TestService.TestServiceBase
{
    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        ThrowIfStatusRequested(request.ResponseStatus);
        if (request.ResponseCompressed?.Value == true)
        {
            context.CompressResponses = true;
        }

        return new SimpleResponse { Payload = ZeroPayload(request.ResponseSize) };
    }

    public override Task<SimpleResponse> CacheableUnaryCall(SimpleRequest request, ServerCallContext context) =>
        UnaryCall(request, context);

    public override async Task StreamingOutputCall(
        StreamingOutputCallRequest request, IAsyncStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await WriteResponsesAsync(request, responseStream, context);
        ThrowIfStatusRequested(request.ResponseStatus);
    }

    public override async Task<StreamingInputCallResponse> StreamingInputCall(
        IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context)
    {
        var total = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            total += requestStream.Current.Payload?.Body.Length ?? 0;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    public override async Task FullDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IAsyncStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            ThrowIfStatusRequested(request.ResponseStatus);
            await WriteResponsesAsync(request, responseStream, context);
        }
    }

    public override async Task HalfDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IAsyncStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        var requests = new List<StreamingOutputCallRequest>();
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            requests.Add(requestStream.Current);
        }

        foreach (var request in requests)
        {
            ThrowIfStatusRequested(request.ResponseStatus);
            await WriteResponsesAsync(request, responseStream, context);
        }
    }

    private static async Task WriteResponsesAsync(
        StreamingOutputCallRequest request, IAsyncStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
            }

            await responseStream.WriteAsync(
                new StreamingOutputCallResponse { Payload = ZeroPayload(parameters.Size) }, context.CancellationToken);
        }
    }

    /// <summary>Initial metadata goes back as response headers, trailing binary metadata as a trailer.</summary>
    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue(EchoInitialKey) is { } initial)
        {
            await context.WriteResponseHeadersAsync(new Metadata { { EchoInitialKey, initial } });
        }

        if (context.RequestHeaders.GetValueBytes(EchoTrailingKey) is { } trailing)
        {
            context.ResponseTrailers.Add(EchoTrailingKey, trailing);
        }
    }

    private static void ThrowIfStatusRequested(EchoStatus? status)
    {
        if (status is { Code: not 0 })
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }

    private static Payload ZeroPayload(int size) => new()
    {
        Type = PayloadType.Compressable,
        Body = size > 0 ? ByteString.CopyFrom(new byte[size]) : ByteString.Empty,
    };
}
