using Google.Protobuf;
using Grpc.Testing;
using Platform.Grpc.Client;
using Platform.Grpc.Tests.Functional;
using Platform.Grpc.Tests.Support;

namespace Platform.Grpc.Tests.Functional;

public sealed class CallShapesTests : IAsyncLifetime
{
    private TestGrpcServer _server = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _server = await TestGrpcServer.StartAsync();
        _channel = _server.CreateChannel();
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Unary_LargePayloads_RoundTripWithExactSizes()
    {
        var client = new TestService.TestServiceClient(_channel);
        var response = await client.UnaryCallAsync(new SimpleRequest
        {
            ResponseSize = 314_159,
            Payload = new Payload { Body = ByteString.CopyFrom(new byte[271_828]) },
        }, Deadline());

        Assert.Equal(314_159, response.Payload.Body.Length);
        Assert.All(response.Payload.Body, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task ServerStreaming_ReturnsEachRequestedSizeInOrder_ThenOk()
    {
        var client = new TestService.TestServiceClient(_channel);
        var request = new StreamingOutputCallRequest();
        int[] sizes = [31_415, 9, 2_653, 58_979];
        request.ResponseParameters.AddRange(sizes.Select(s => new ResponseParameters { Size = s }));

        using var call = client.StreamingOutputCall(request, Deadline());
        var received = new List<int>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            received.Add(response.Payload.Body.Length);
        }

        Assert.Equal(sizes, received);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ClientStreaming_AggregatesEveryRequest()
    {
        var client = new TestService.TestServiceClient(_channel);
        using var call = client.StreamingInputCall(Deadline());
        foreach (var size in new[] { 27_182, 8, 1_828, 45_904 })
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[size]) } });
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal(74_922, (await call).AggregatedPayloadSize);
    }

    [Fact]
    public async Task Duplex_PingPong_AnswersEachRequestBeforeTheNext()
    {
        var client = new FunctionalService.FunctionalServiceClient(_channel);
        using var call = client.Chat(Deadline());
        for (var i = 0; i < 20; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = "ping " + i });
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal("ping " + i, call.ResponseStream.Current.Text);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Duplex_EmptyStream_EndsWithOkAndNoMessages()
    {
        var client = new TestService.TestServiceClient(_channel);
        using var call = client.FullDuplexCall(Deadline());
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Metadata_TextAndBinary_ReachTheServerDecoded()
    {
        var client = new FunctionalService.FunctionalServiceClient(_channel);
        var headers = new Metadata { { "x-request-id", "req-42" }, { "x-trace-bin", new byte[] { 0x00, 0xFF, 0x10 } } };
        var reply = await client.EchoAsync(new EchoRequest { Text = "hi" }, Deadline() with { Headers = headers });
        Assert.Equal("req-42", reply.Metadata["x-request-id"]);
        Assert.Equal("00FF10", reply.Metadata["x-trace-bin"]);
    }

    [Fact]
    public async Task CustomMetadata_EchoedAsHeaderAndTrailer()
    {
        var client = new TestService.TestServiceClient(_channel);
        var headers = new Metadata
        {
            { "x-grpc-test-echo-initial", "test_initial_metadata_value" },
            { "x-grpc-test-echo-trailing-bin", new byte[] { 0xAB, 0xAB, 0xAB } },
        };
        using var call = client.UnaryCallAsync(new SimpleRequest { ResponseSize = 1 }, Deadline() with { Headers = headers });
        await call;
        Assert.Equal("test_initial_metadata_value", (await call.ResponseHeadersAsync).GetValue("x-grpc-test-echo-initial"));
        Assert.Equal(new byte[] { 0xAB, 0xAB, 0xAB }, call.GetTrailers().GetValueBytes("x-grpc-test-echo-trailing-bin"));
    }

    [Fact]
    public async Task Status_WithUnicodeMessage_RoundTripsExactly()
    {
        const string message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";
        var client = new TestService.TestServiceClient(_channel);
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.UnaryCallAsync(new SimpleRequest { ResponseStatus = new EchoStatus { Code = 2, Message = message } }, Deadline()));
        Assert.Equal(StatusCode.Unknown, e.StatusCode);
        Assert.Equal(message, e.Status.Detail);
    }

    [Fact]
    public async Task Compression_GzipBothWays_RoundTrips()
    {
        var client = new TestService.TestServiceClient(_channel);
        var response = await client.UnaryCallAsync(new SimpleRequest
        {
            ResponseSize = 50_000,
            ResponseCompressed = new BoolValue { Value = true },
            Payload = new Payload { Body = ByteString.CopyFrom(new byte[40_000]) },
        }, Deadline() with { CompressRequests = true });
        Assert.Equal(50_000, response.Payload.Body.Length);
    }

    internal static CallOptions Deadline() => new CallOptions().WithTimeout(TimeSpan.FromSeconds(20));
}
