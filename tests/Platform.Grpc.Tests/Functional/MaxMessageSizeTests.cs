using Google.Protobuf;
using Grpc.Testing;
using Platform.Grpc.Client;
using Platform.Grpc.Tests.Support;
using static Platform.Grpc.Tests.Functional.CallShapesTests;

namespace Platform.Grpc.Tests.Functional;

public sealed class MaxMessageSizeTests
{
    [Fact]
    public async Task Request_LargerThanServerLimit_IsResourceExhausted()
    {
        await using var server = await TestGrpcServer.StartAsync(o => o.MaxReceiveMessageSize = 1024);
        using var channel = server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.UnaryCallAsync(new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[4096]) } }, Deadline()));

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Contains("larger than max", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await client.UnaryCallAsync(new SimpleRequest { ResponseSize = 1 }, Deadline())).Payload.Body.Length);
    }

    [Fact]
    public async Task Response_LargerThanServerSendLimit_IsResourceExhausted()
    {
        await using var server = await TestGrpcServer.StartAsync(o => o.MaxSendMessageSize = 1024);
        using var channel = server.CreateChannel();
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(channel).UnaryCallAsync(new SimpleRequest { ResponseSize = 4096 }, Deadline()));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
    }

    [Fact]
    public async Task Response_LargerThanClientLimit_IsResourceExhausted()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(channel).UnaryCallAsync(new SimpleRequest { ResponseSize = 4096 }, Deadline()));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
    }

    [Fact]
    public async Task Request_LargerThanClientSendLimit_FailsWithoutSending()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 1024 });
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(channel).UnaryCallAsync(new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[4096]) } }, Deadline()));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
    }

    [Fact]
    public async Task DefaultLimit_IsFourMebibytes()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);

        var fits = await client.UnaryCallAsync(new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[4 * 1024 * 1024 - 64]) } }, Deadline());
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.UnaryCallAsync(new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[4 * 1024 * 1024 + 64]) } }, Deadline()));

        Assert.NotNull(fits);
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
    }
}
