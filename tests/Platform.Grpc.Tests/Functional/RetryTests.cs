using Platform.Grpc.Client;
using Platform.Grpc.Tests.Functional;
using Platform.Grpc.Tests.Support;
using static Platform.Grpc.Tests.Functional.CallShapesTests;

namespace Platform.Grpc.Tests.Functional;

public sealed class RetryTests
{
    private static GrpcChannelOptions FastRetries(int attempts) => new()
    {
        RetryPolicy = new RetryPolicy { MaxAttempts = attempts, InitialBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(50) },
    };

    [Fact]
    public async Task IdempotentMethod_UnavailableTwice_SucceedsOnTheThirdAttempt()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel(FastRetries(4));

        var reply = await new FunctionalService.FunctionalServiceClient(channel).FlakyAsync(new FlakyRequest { Key = "a", Failures = 2 }, Deadline());

        Assert.Equal("succeeded on attempt 3", reply.Text);
        Assert.Equal(3, server.Log.Attempts["a"]);
    }

    [Fact]
    public async Task IdempotentMethod_AttemptsAreBounded()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel(FastRetries(3));

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await new FunctionalService.FunctionalServiceClient(channel).FlakyAsync(new FlakyRequest { Key = "b", Failures = 10 }, Deadline()));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal(3, server.Log.Attempts["b"]);
    }

    [Fact]
    public async Task NonIdempotentMethod_IsNeverRetried()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel(FastRetries(4));

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await new FunctionalService.FunctionalServiceClient(channel).FlakyUnsafeAsync(new FlakyRequest { Key = "c", Failures = 1 }, Deadline()));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal(1, server.Log.Attempts["c"]);
    }

    [Fact]
    public void Backoff_IsJitteredAndCapped()
    {
        var policy = new RetryPolicy { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(300), BackoffMultiplier = 2 };
        var delays = Enumerable.Range(0, 200).Select(_ => policy.DelayBefore(5)).ToList();
        Assert.All(delays, d => Assert.InRange(d.TotalMilliseconds, 0, 300));
        Assert.True(delays.Distinct().Count() > 50, "delays should be spread by jitter");
    }
}
