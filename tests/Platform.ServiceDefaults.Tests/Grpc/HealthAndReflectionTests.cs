using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Platform.ServiceDefaults.Tests.Grpc;

/// <summary>grpc.health.v1 for Kubernetes' gRPC probes and reflection for grpcurl, as MapGrpcServiceDefaults serves them.</summary>
public sealed class HealthAndReflectionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CallOptions Deadline() => new(deadline: DateTime.UtcNow.AddSeconds(10));

    [Fact]
    public async Task HealthCheck_IsServing_ThenNotServingOnceTheHostBeginsStopping()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var health = new HealthClient(channel);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest(), Deadline())).Status);

        // SIGTERM raises ApplicationStopping first; this host was only started, so it keeps listening and the
        // probe can still be asked (a real drain closes the listener right after: see the next test).
        server.Lifetime.StopApplication();

        Assert.Equal(ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest(), Deadline())).Status);
    }

    [Fact]
    public async Task HealthCheck_DuringADrain_NeverSaysServing_WhileTheCallInFlightFinishes()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var health = new HealthClient(channel);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest(), Deadline())).Status);
        using var inFlight = new FunctionalService.FunctionalServiceClient(channel).SleepAsync(new SleepRequest { DurationMs = 3000, Key = "drain" }, Deadline());
        await server.Calls.Sleep("drain").Started.Task.WaitAsync(Wait);

        var stopping = server.StopAsync();
        // A probe either comes in before Kestrel closes (NOT_SERVING, the readiness check has failed) or after
        // (the connection got GOAWAY and a new one is refused): Kubernetes takes both as "not ready".
        var refused = false;
        for (var attempt = 0; attempt < 50 && !refused; attempt++)
        {
            try
            {
                Assert.Equal(ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest(), Deadline())).Status);
                await Task.Delay(20);
            }
            catch (RpcException e)
            {
                Assert.Equal(StatusCode.Unavailable, e.StatusCode);
                refused = true;
            }
        }

        Assert.True(refused, "new probes were still answered while draining");
        Assert.False(inFlight.ResponseAsync.IsCompleted, "the in-flight call should still be running");
        Assert.Equal("slept", (await inFlight).Text);
        await stopping.WaitAsync(Wait);
    }

    [Fact]
    public async Task HealthCheck_ForAServiceName_IsNotFound()
    {
        // Only the server as a whole ("") is mapped to the health checks; Kubernetes probes ask for "" by default.
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        var e = await Assert.ThrowsAsync<RpcException>(() => new HealthClient(channel)
            .CheckAsync(new HealthCheckRequest { Service = "platform.testing.v1.FunctionalService" }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task Reflection_ListsEveryMappedService_AndDescribesThem()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        var names = await ListServicesAsync(channel);
        var answers = await AskReflectionAsync(channel,
            new ServerReflectionRequest { FileContainingSymbol = "platform.testing.v1.FunctionalService" },
            new ServerReflectionRequest { FileContainingSymbol = "no.such.Symbol" });

        Assert.Equal(
            ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "platform.testing.v1.FunctionalService"],
            names);
        var file = FileDescriptorProto.Parser.ParseFrom(answers[0].FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("functional.proto", file.Name);
        Assert.Equal(["Echo", "Fail", "Refuse", "RefuseStream", "Sleep"], file.Service.Single().Method.Select(m => m.Name));
        Assert.Equal((int)StatusCode.NotFound, answers[1].ErrorResponse.ErrorCode);
    }

    /// <summary>The service names grpc.reflection.v1alpha lists (what grpcurl shows), sorted.</summary>
    internal static async Task<List<string>> ListServicesAsync(GrpcChannel channel)
    {
        var answers = await AskReflectionAsync(channel, new ServerReflectionRequest { ListServices = "" });
        return [.. answers.Single().ListServicesResponse.Service.Select(s => s.Name).Order(StringComparer.Ordinal)];
    }

    /// <summary>Sends the requests on one reflection stream, as grpcurl does, and reads every answer to the end of the call.</summary>
    internal static async Task<List<ServerReflectionResponse>> AskReflectionAsync(GrpcChannel channel, params ServerReflectionRequest[] requests)
    {
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo(Deadline());
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request);
        }

        await call.RequestStream.CompleteAsync();
        var answers = new List<ServerReflectionResponse>();
        await foreach (var answer in call.ResponseStream.ReadAllAsync())
        {
            answers.Add(answer);
        }

        return answers;
    }
}
