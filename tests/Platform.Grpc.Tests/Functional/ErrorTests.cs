using Grpc.Testing;
using Platform.Grpc.Client;
using Platform.Grpc.Tests.Functional;
using Platform.Grpc.Tests.Support;
using static Platform.Grpc.Tests.Functional.CallShapesTests;

namespace Platform.Grpc.Tests.Functional;

public sealed class ErrorTests
{
    [Fact]
    public async Task UnhandledException_IsInternal_WithoutTheExceptionDetails()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new FunctionalService.FunctionalServiceClient(channel);

        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.FailAsync(new EchoRequest { Text = "secret connection string" }, Deadline()));

        Assert.Equal(StatusCode.Internal, e.StatusCode);
        Assert.DoesNotContain("secret", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnhandledException_WithDetailedErrors_IncludesTheMessage()
    {
        await using var server = await TestGrpcServer.StartAsync(o => o.EnableDetailedErrors = true);
        using var channel = server.CreateChannel();
        var client = new FunctionalService.FunctionalServiceClient(channel);

        var e = await Assert.ThrowsAsync<RpcException>(async () => await client.FailAsync(new EchoRequest { Text = "boom" }, Deadline()));
        Assert.Contains("InvalidOperationException: boom", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownMethodAndService_AreUnimplemented()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel();

        var method = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(channel).UnimplementedCallAsync(new Empty(), Deadline()));
        var service = await Assert.ThrowsAsync<RpcException>(async () =>
            await new UnimplementedService.UnimplementedServiceClient(channel).UnimplementedCallAsync(new Empty(), Deadline()));

        Assert.Equal(StatusCode.Unimplemented, method.StatusCode);
        Assert.Equal(StatusCode.Unimplemented, service.StatusCode);
        Assert.Contains("grpc.testing.UnimplementedService/UnimplementedCall", service.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorBeforeAnyMessage_IsSentTrailersOnly()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var raw = server.CreateRawClient();
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = 9, Message = "precondition" } };

        var result = await RawGrpc.CallAsync(raw, "/grpc.testing.TestService/UnaryCall", RawGrpc.Frame(Google.Protobuf.MessageExtensions.ToByteArray(request)));

        Assert.Equal(200, result.HttpStatus);
        Assert.True(result.StatusInHeaders);
        Assert.Equal(9, result.GrpcStatus);
        Assert.Empty(result.Body);
    }

    [Fact]
    public async Task ServerNotListening_IsUnavailable()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Platform.Testing.FreePort.Next()}");
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await new TestService.TestServiceClient(channel).EmptyCallAsync(new Empty(), Deadline()));
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
    }
}
