using Grpc.Testing;
using Platform.Grpc.Client;
using Platform.Grpc.Tests.Functional;
using Platform.Grpc.Tests.Support;

namespace Platform.Grpc.Tests.Functional;

public sealed class DeadlineAndCancellationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Deadline_ServerStillWorking_ClientGetsDeadlineExceeded_AndServerTokenIsCancelled()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new FunctionalService.FunctionalServiceClient(channel);

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.SleepAsync(new SleepRequest { DurationMs = 10_000, Key = "deadline" }, new CallOptions().WithTimeout(TimeSpan.FromMilliseconds(200))));

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        Assert.True(await server.Log.SleepOutcome("deadline").Task.WaitAsync(Wait), "the handler's token was not cancelled by the deadline");
    }

    [Fact]
    public async Task Deadline_EnforcedByServer_WhenTheClientDoesNotEnforceIt()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var raw = server.CreateRawClient();
        var body = RawGrpc.Frame(Google.Protobuf.MessageExtensions.ToByteArray(new SleepRequest { DurationMs = 10_000, Key = "server-side" }));

        var result = await RawGrpc.CallAsync(raw, "/platform.testing.v1.FunctionalService/Sleep", body,
            headers: [new("grpc-timeout", "300m")]);

        Assert.Equal((int)StatusCode.DeadlineExceeded, result.GrpcStatus);
        Assert.True(await server.Log.SleepOutcome("server-side").Task.WaitAsync(Wait));
    }

    [Fact]
    public async Task Deadline_AlreadyPast_FailsWithoutSending()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new FunctionalService.FunctionalServiceClient(channel);

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.SleepAsync(new SleepRequest { DurationMs = 1, Key = "past" }, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(-1))));

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        Assert.False(server.Log.SleepEnded.ContainsKey("past"));
    }

    [Fact]
    public async Task ClientCancellation_ResetsTheStream_AndCancelsTheHandler()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new FunctionalService.FunctionalServiceClient(channel);
        using var cts = new CancellationTokenSource();

        var call = client.SleepAsync(new SleepRequest { DurationMs = 10_000, Key = "cancel" }, new CallOptions(cancellationToken: cts.Token));
        await Task.Delay(200);
        await cts.CancelAsync();

        var e = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
        Assert.True(await server.Log.SleepOutcome("cancel").Task.WaitAsync(Wait), "RST_STREAM did not cancel the handler");
    }

    [Fact]
    public async Task DisposingACall_CancelsTheStreamingHandler()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add(new ResponseParameters { Size = 1 });
        request.ResponseParameters.Add(new ResponseParameters { Size = 1, IntervalUs = 30_000_000 });

        var call = client.StreamingOutputCall(request);
        Assert.True(await call.ResponseStream.MoveNext());
        call.Dispose();

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
    }

    [Fact]
    public async Task Deadline_FarFutureOrMaxValue_MeansNoDeadline_OnBothSides()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new FunctionalService.FunctionalServiceClient(channel);
        using var raw = server.CreateRawClient();

        var reply = await client.EchoAsync(new EchoRequest { Text = "forever" }, new CallOptions(deadline: DateTime.MaxValue));
        var farFuture = await client.EchoAsync(new EchoRequest { Text = "a century" }, new CallOptions(deadline: DateTime.UtcNow.AddYears(100)));
        var longestHeader = await RawGrpc.CallAsync(raw, "/platform.testing.v1.FunctionalService/Echo",
            RawGrpc.Frame(Google.Protobuf.MessageExtensions.ToByteArray(new EchoRequest())), headers: [new("grpc-timeout", "99999999H")]);

        Assert.Equal("forever", reply.Text);
        Assert.Equal("a century", farFuture.Text);
        Assert.Equal(0, longestHeader.GrpcStatus);
    }
}
