using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Grpc.Client;
using Platform.Grpc.Services;
using Platform.Grpc.Tests.Support;
using static Platform.Grpc.Tests.Functional.CallShapesTests;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Platform.Grpc.Tests.Functional;

public sealed class StandardServicesTests
{
    [Fact]
    public async Task HealthCheck_ServerAndKnownService_AreServing_UnknownIsNotFound()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel();
        var health = new Health.HealthClient(channel);

        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest(), Deadline())).Status);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "grpc.testing.TestService" }, Deadline())).Status);
        var e = await Assert.ThrowsAsync<RpcException>(async () => await health.CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }, Deadline()));
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task HealthCheck_FailingAspNetCoreCheck_IsNotServing_AndWatchReportsTheChange()
    {
        var healthy = true;
        await using var server = await TestGrpcServer.StartAsync(services: s =>
        {
            s.AddHealthChecks().AddCheck("database", () => healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("down"));
            s.Configure<GrpcHealthOptions>(o => o.WatchInterval = TimeSpan.FromMilliseconds(50));
        });
        using var channel = server.CreateChannel();
        var health = new Health.HealthClient(channel);

        using var watch = health.Watch(new HealthCheckRequest(), Deadline());
        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(ServingStatus.Serving, watch.ResponseStream.Current.Status);

        healthy = false;
        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(ServingStatus.NotServing, watch.ResponseStream.Current.Status);
        Assert.Equal(ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest(), Deadline())).Status);
    }

    [Fact]
    public async Task ReflectionV1_ListsServices_AndResolvesASymbolToItsFileAndDependencies()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = new V1.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo(Deadline());

        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext());
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "grpc.testing.TestService.UnaryCall" });
        Assert.True(await call.ResponseStream.MoveNext());
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(b => FileDescriptorProto.Parser.ParseFrom(b).Name).ToList();

        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "no.such.Symbol" });
        Assert.True(await call.ResponseStream.MoveNext());
        var error = call.ResponseStream.Current.ErrorResponse;
        await call.RequestStream.CompleteAsync();

        Assert.Contains("grpc.testing.TestService", names);
        Assert.Contains("platform.testing.v1.FunctionalService", names);
        Assert.Contains("grpc.health.v1.Health", names);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", names);
        Assert.Equal("grpc/testing/test.proto", files[0]);
        Assert.Contains("grpc/testing/messages.proto", files);
        Assert.Contains("grpc/testing/empty.proto", files);
        Assert.Equal((int)StatusCode.NotFound, error.ErrorCode);
    }

    [Fact]
    public async Task ReflectionV1Alpha_AnswersLikeV1()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel();
        using var call = new V1Alpha.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo(Deadline());

        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileByFilename = "functional.proto" });
        Assert.True(await call.ResponseStream.MoveNext());
        await call.RequestStream.CompleteAsync();

        var file = FileDescriptorProto.Parser.ParseFrom(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("platform.testing.v1", file.Package);
        Assert.Contains(file.Service, s => s.Name == "FunctionalService");
    }
}
