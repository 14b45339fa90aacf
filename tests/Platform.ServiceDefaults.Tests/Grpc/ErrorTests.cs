using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Tests.Grpc;

/// <summary>What a caller learns when a call fails, and what an operator finds in the logs.</summary>
public sealed class ErrorTests
{
    private const string InterceptorCategory = "Platform.ServiceDefaults.Grpc.CallOutcomeInterceptor";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task UnhandledException_IsAnsweredWithoutItsText_AndLoggedAsAnError()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        const string secret = "password=hunter2 in the connection string";

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            new FunctionalService.FunctionalServiceClient(channel).FailAsync(new EchoRequest { Text = secret }).ResponseAsync);

        // INTERNAL (a server fault), with a fixed message: nothing of the exception reaches the caller.
        Assert.Equal(StatusCode.Internal, e.StatusCode);
        Assert.DoesNotContain("hunter2", e.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(e.Trailers, t => !t.IsBinary && t.Value.Contains("hunter2", StringComparison.Ordinal));

        // Logged once, as an error with the exception, by the platform's interceptor (event 2).
        var logged = await server.Logs.WaitForAsync(l => l.Level == LogLevel.Error && l.Exception?.Message == secret, Wait);
        Assert.NotNull(logged);
        Assert.Equal(InterceptorCategory, logged.Category);
        Assert.Single(server.Logs.Entries, l => l.Exception?.Message == secret);
    }

    [Fact]
    public async Task HandlersRpcException_ReachesTheClientWithItsStatus_AndIsLoggedByTheInterceptor()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new FunctionalService.FunctionalServiceClient(channel);

        var e = await Assert.ThrowsAsync<RpcException>(() => client.RefuseAsync(new RefuseRequest
        {
            Code = (int)StatusCode.FailedPrecondition,
            Message = "document doc-42 is still being processed",
        }).ResponseAsync);
        await client.EchoAsync(new EchoRequest { Text = "fine" });

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("document doc-42 is still being processed", e.Status.Detail);
        var logged = await server.Logs.WaitForAsync(l => l.Category == InterceptorCategory, Wait);
        Assert.NotNull(logged);
        Assert.Equal(LogLevel.Information, logged.Level);
        Assert.Contains("/platform.testing.v1.FunctionalService/Refuse", logged.Message, StringComparison.Ordinal);
        Assert.Contains("FailedPrecondition", logged.Message, StringComparison.Ordinal);
        Assert.Contains("document doc-42 is still being processed", logged.Message, StringComparison.Ordinal);
        // A call that ends OK is not logged.
        Assert.DoesNotContain(server.Logs.Entries, l => l.Category == InterceptorCategory && l.Message.Contains("/Echo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StreamingHandlersRpcException_EndsTheStreamWithItsStatus_AndIsLogged()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        using var call = new FunctionalService.FunctionalServiceClient(channel).RefuseStream(new RefuseRequest
        {
            Code = (int)StatusCode.PermissionDenied,
            Message = "only editors may watch this",
        });
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal("first", call.ResponseStream.Current.Text);
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("only editors may watch this", e.Status.Detail);
        var logged = await server.Logs.WaitForAsync(l => l.Category == InterceptorCategory
            && l.Message.Contains("/platform.testing.v1.FunctionalService/RefuseStream", StringComparison.Ordinal)
            && l.Message.Contains("PermissionDenied", StringComparison.Ordinal), Wait);
        Assert.NotNull(logged);
    }

    [Fact]
    public async Task RequestOverMaxReceiveMessageSize_IsResourceExhausted_BeforeTheHandlerRuns()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new FunctionalService.FunctionalServiceClient(channel);

        var e = await Assert.ThrowsAsync<RpcException>(() => client.EchoAsync(new EchoRequest
        {
            Blob = ByteString.CopyFrom(new byte[GrpcTestServer.MaxReceiveMessageSize]),
        }).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal(0, server.Calls.Echoes);

        // Just under the limit is served, on the same channel.
        var fits = await client.EchoAsync(new EchoRequest { Blob = ByteString.CopyFrom(new byte[GrpcTestServer.MaxReceiveMessageSize - 64]) });
        Assert.Equal(GrpcTestServer.MaxReceiveMessageSize - 64, fits.BlobLength);
    }

    [Fact]
    public async Task UnknownMethodAndUnknownService_AreUnimplemented()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        var method = await Assert.ThrowsAsync<RpcException>(() => CallAsync(channel, "platform.testing.v1.FunctionalService", "Teleport"));
        var service = await Assert.ThrowsAsync<RpcException>(() => CallAsync(channel, "platform.testing.v1.NoSuchService", "Echo"));

        Assert.Equal(StatusCode.Unimplemented, method.StatusCode);
        Assert.Equal(StatusCode.Unimplemented, service.StatusCode);
    }

    private static async Task<EchoReply> CallAsync(GrpcChannel channel, string service, string name)
    {
        var request = Marshallers.Create((EchoRequest m) => m.ToByteArray(), EchoRequest.Parser.ParseFrom);
        var reply = Marshallers.Create((EchoReply m) => m.ToByteArray(), EchoReply.Parser.ParseFrom);
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, service, name, request, reply);
        return await channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)), new EchoRequest());
    }
}
