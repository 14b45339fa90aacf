using Grpc.Testing;
using Platform.Grpc.Client;
using Platform.Grpc.Server;
using Platform.Grpc.Tests.Functional;
using Platform.Grpc.Tests.Support;
using static Platform.Grpc.Tests.Functional.CallShapesTests;

namespace Platform.Grpc.Tests.Functional;

public sealed class InterceptorTests
{
    [Fact]
    public async Task ServerInterceptor_RejectingWithoutApiKey_EndsCallWithUnauthenticated_BeforeTheHandler()
    {
        await using var server = await TestGrpcServer.StartAsync(o => o.Interceptors.Add(new ApiKeyInterceptor("s3cret")));
        using var channel = server.CreateChannel();
        var client = new FunctionalService.FunctionalServiceClient(channel);

        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.SleepAsync(new SleepRequest { DurationMs = 1, Key = "denied" }, Deadline()));
        var allowed = await client.EchoAsync(new EchoRequest { Text = "ok" }, Deadline() with { Headers = new Metadata { { "x-api-key", "s3cret" } } });

        Assert.Equal(StatusCode.Unauthenticated, denied.StatusCode);
        Assert.False(server.Log.SleepEnded.ContainsKey("denied"), "the handler ran despite the interceptor");
        Assert.Equal("ok", allowed.Text);
    }

    [Fact]
    public async Task ServerInterceptors_RunInOrder_AroundEveryCallShape()
    {
        var order = new List<string>();
        await using var server = await TestGrpcServer.StartAsync(o =>
        {
            o.Interceptors.Add(new RecordingInterceptor("outer", order));
            o.Interceptors.Add(new RecordingInterceptor("inner", order));
        });
        using var channel = server.CreateChannel();
        var client = new TestService.TestServiceClient(channel);

        await client.EmptyCallAsync(new Empty(), Deadline());
        using var stream = client.FullDuplexCall(Deadline());
        await stream.RequestStream.CompleteAsync();
        Assert.False(await stream.ResponseStream.MoveNext());

        Assert.Equal(
            ["outer>/grpc.testing.TestService/EmptyCall", "inner>/grpc.testing.TestService/EmptyCall", "inner<", "outer<",
             "outer>/grpc.testing.TestService/FullDuplexCall", "inner>/grpc.testing.TestService/FullDuplexCall", "inner<", "outer<"],
            order);
    }

    [Fact]
    public async Task ClientInterceptor_AddsMetadataToEveryCall()
    {
        await using var server = await TestGrpcServer.StartAsync();
        var options = new GrpcChannelOptions();
        options.Interceptors.Add(new HeaderInterceptor("x-caller", "scoreboard"));
        using var channel = server.CreateChannel(options);

        var reply = await new FunctionalService.FunctionalServiceClient(channel).EchoAsync(new EchoRequest(), Deadline());

        Assert.Equal("scoreboard", reply.Metadata["x-caller"]);
    }

    private sealed class ApiKeyInterceptor(string key) : IServerInterceptor
    {
        public Task InterceptAsync(ServerCallContext context, Func<ServerCallContext, Task> continuation) =>
            context.RequestHeaders.GetValue("x-api-key") == key
                ? continuation(context)
                : throw new RpcException(new Status(StatusCode.Unauthenticated, "missing or wrong x-api-key"));
    }

    private sealed class RecordingInterceptor(string name, List<string> order) : IServerInterceptor
    {
        public async Task InterceptAsync(ServerCallContext context, Func<ServerCallContext, Task> continuation)
        {
            lock (order)
            {
                order.Add(name + ">" + context.Method);
            }

            await continuation(context);
            lock (order)
            {
                order.Add(name + "<");
            }
        }
    }

    private sealed class HeaderInterceptor(string key, string value) : ClientInterceptor
    {
        public override AsyncUnaryCall<TResponse> UnaryCall<TRequest, TResponse>(
            TRequest request, ClientCallContext<TRequest, TResponse> context,
            Func<TRequest, ClientCallContext<TRequest, TResponse>, AsyncUnaryCall<TResponse>> continuation)
        {
            var headers = new Metadata();
            foreach (var entry in context.Options.Headers ?? [])
            {
                headers.Add(entry);
            }

            headers.Add(key, value);
            return continuation(request, context with { Options = context.Options with { Headers = headers } });
        }
    }
}
