using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;

namespace Platform.Interop.Server;

/// <summary>
/// grpc.testing.TestService with the behaviour the interop cases expect (grpc/doc/interop-test-descriptions.md):
/// payloads of the requested sizes, requested statuses, echoed metadata, paced streaming responses, and
/// request/response compression checks.
/// </summary>
public sealed class InteropTestService : TestService.TestServiceBase
{
    public const string Gzip = "gzip";

    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    // The server compresses every response it may (ResponseCompressionAlgorithm); these opt a message out.
    private static readonly WriteOptions Uncompressed = new(WriteFlags.NoCompress);

    public override Task<Empty> EmptyCall(Empty request, ServerCallContext context) => Task.FromResult(new Empty());

    public override async Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        await EchoMetadataAsync(context);
        ThrowIfStatusRequested(request.ResponseStatus);
        CheckCompression(request.ExpectCompressed, CountingGzipProvider.CompressedRequests(context.GetHttpContext()) > 0);
        context.WriteOptions = request.ResponseCompressed?.Value == true ? null : Uncompressed;
        return new SimpleResponse { Payload = ZeroPayload(request.ResponseSize) };
    }

    public override Task<SimpleResponse> CacheableUnaryCall(SimpleRequest request, ServerCallContext context) =>
        UnaryCall(request, context);

    public override async Task StreamingOutputCall(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        await EchoMetadataAsync(context);
        await WriteResponsesAsync(request, responseStream, context);
        ThrowIfStatusRequested(request.ResponseStatus);
    }

    public override async Task<StreamingInputCallResponse> StreamingInputCall(
        IAsyncStreamReader<StreamingInputCallRequest> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        var total = 0;
        var compressedBefore = CountingGzipProvider.CompressedRequests(http);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var compressedNow = CountingGzipProvider.CompressedRequests(http);
            CheckCompression(requestStream.Current.ExpectCompressed, compressedNow > compressedBefore);
            compressedBefore = compressedNow;
            total += requestStream.Current.Payload?.Body.Length ?? 0;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    public override async Task FullDuplexCall(
        IAsyncStreamReader<StreamingOutputCallRequest> requestStream,
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
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
        IServerStreamWriter<StreamingOutputCallResponse> responseStream,
        ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
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
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responseStream, ServerCallContext context)
    {
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
            }

            responseStream.WriteOptions = parameters.Compressed?.Value == true ? null : Uncompressed;
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

    /// <summary>expect_compressed: the message must (true) or must not (false) have arrived compressed.</summary>
    private static void CheckCompression(BoolValue? expectCompressed, bool wasCompressed)
    {
        if (expectCompressed is not null && expectCompressed.Value != wasCompressed)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"expected a {(expectCompressed.Value ? "compressed" : "uncompressed")} request message"));
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
