using Google.Protobuf;
using Grpc.Core;

namespace Platform.ServiceDefaults.Tests.Grpc;

/// <summary>Deadlines and cancellation reach the handler, so abandoned work stops instead of running on.</summary>
public sealed class CallLifetimeTests
{
    private const string SleepPath = "/platform.testing.v1.FunctionalService/Sleep";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ClientDeadline_ReachesTheHandler_CancelsItsToken_AndEndsDeadlineExceeded()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new FunctionalService.FunctionalServiceClient(channel);
        var deadline = DateTime.UtcNow.AddSeconds(1);

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            client.SleepAsync(new SleepRequest { DurationMs = 30_000, Key = "deadline" }, deadline: deadline).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        var observation = server.Calls.Sleep("deadline");
        var seen = await observation.Started.Task.WaitAsync(Wait);
        // The deadline travels as a relative grpc-timeout: the handler's copy is the client's, give or take transit.
        Assert.Equal(DateTimeKind.Utc, seen.Kind);
        Assert.InRange(seen, deadline.AddSeconds(-2), deadline.AddSeconds(2));
        Assert.True(await observation.Cancelled.Task.WaitAsync(Wait), "the deadline did not cancel the handler's token");
    }

    [Fact]
    public async Task DeadlineSentOnlyAsHeader_IsEnforcedByTheServer()
    {
        // A client that does not enforce its own deadline (a raw HTTP/2 caller) still gets DEADLINE_EXCEEDED from the server.
        await using var server = await GrpcTestServer.StartAsync();
        using var raw = server.CreateRawClient();
        var body = RawGrpc.Frame(new SleepRequest { DurationMs = 30_000, Key = "server-side" }.ToByteArray());

        var result = await RawGrpc.CallAsync(raw, SleepPath, body, headers: [new("grpc-timeout", "300m")]);

        Assert.Equal((int)StatusCode.DeadlineExceeded, result.GrpcStatus);
        Assert.True(await server.Calls.Sleep("server-side").Cancelled.Task.WaitAsync(Wait), "the handler's token was not cancelled");
    }

    [Fact]
    public async Task NoDeadline_HandlerSeesDateTimeMaxValue_AndIsNotCut()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new FunctionalService.FunctionalServiceClient(channel);

        var reply = await client.SleepAsync(new SleepRequest { DurationMs = 50, Key = "none" });

        Assert.Equal("slept", reply.Text);
        Assert.Equal(DateTime.MaxValue, await server.Calls.Sleep("none").Started.Task.WaitAsync(Wait));
        Assert.False(await server.Calls.Sleep("none").Cancelled.Task.WaitAsync(Wait));
    }

    [Fact]
    public async Task ClientCancellation_CancelsTheHandlersToken()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new FunctionalService.FunctionalServiceClient(channel);
        using var cancellation = new CancellationTokenSource();

        using var call = client.SleepAsync(new SleepRequest { DurationMs = 30_000, Key = "cancel" }, cancellationToken: cancellation.Token);
        var observation = server.Calls.Sleep("cancel");
        await observation.Started.Task.WaitAsync(Wait);
        await cancellation.CancelAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
        Assert.True(await observation.Cancelled.Task.WaitAsync(Wait), "the client's RST_STREAM did not cancel the handler");
    }
}
