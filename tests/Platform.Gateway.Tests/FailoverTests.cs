using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>What a caller sees when backends die: an error, never a hang, and traffic that moves to the survivors.</summary>
public sealed class FailoverTests
{
    [Fact]
    public async Task BackendKilledMidStream_TheCallerGetsUnavailable_NotAHang()
    {
        var (server, port) = await RunningPlatform.StartInteropServerAsync();
        await using var _ = server;
        await using var gateway = await GatewayProcess.StartAsync(GatewayConfig.InteropGateway([$"http://127.0.0.1:{port}"]));
        using var channel = GrpcChannel.ForAddress(gateway.Address);
        var client = new TestService.TestServiceClient(channel);

        // 200 messages 50 ms apart: ten seconds of stream, far longer than the test waits.
        var request = new StreamingOutputCallRequest();
        for (var i = 0; i < 200; i++)
        {
            request.ResponseParameters.Add(new ResponseParameters { Size = 16, IntervalUs = 50_000 });
        }

        using var call = client.StreamingOutputCall(request, new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(60)));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        }

        await server.DisposeAsync(); // SIGKILL: no goodbye on the connection
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), $"the error took {DateTime.UtcNow - started}");
    }

    [Fact]
    public async Task ReplicaDown_IsTakenOutOfRotation_AndEveryCallLandsOnTheOther()
    {
        var (serverA, portA) = await RunningPlatform.StartInteropServerAsync();
        var (serverB, portB) = await RunningPlatform.StartInteropServerAsync();
        await using var __ = serverB;
        await using var gateway = await GatewayProcess.StartAsync(GatewayConfig.InteropGateway([$"http://127.0.0.1:{portA}", $"http://127.0.0.1:{portB}"]));
        using var channel = GrpcChannel.ForAddress(gateway.Address);
        var client = new TestService.TestServiceClient(channel);
        var request = new SimpleRequest { ResponseSize = 8, Payload = new Payload { Body = Google.Protobuf.ByteString.CopyFrom(new byte[8]) } };
        for (var i = 0; i < 20; i++)
        {
            await client.UnaryCallAsync(request);
        }

        await serverA.DisposeAsync();

        // UnaryCall is not marked idempotent: calls that meet the dead replica are retried only because the
        // connection was refused before anything was sent. None may fail.
        var failures = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await client.UnaryCallAsync(request, new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(5)));
            }
            catch (RpcException e)
            {
                failures.Add($"call {i}: {e.StatusCode} {e.Status.Detail}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures) + "\ngateway:\n" + GrpcThroughGatewayTests.Tail(gateway.Output));
        var log = gateway.Output.Split('\n');
        Assert.Contains(log, line => line.Contains($"127.0.0.1:{portA}", StringComparison.Ordinal) && line.Contains("could not be connected to", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("`d0`", StringComparison.Ordinal) && line.Contains("Unhealthy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryReplicaDown_CallsFailFastWithUnavailable_NamingTheRoute()
    {
        var (server, port) = await RunningPlatform.StartInteropServerAsync();
        await using var gateway = await GatewayProcess.StartAsync(GatewayConfig.InteropGateway([$"http://127.0.0.1:{port}"]));
        await server.DisposeAsync();
        using var channel = GrpcChannel.ForAddress(gateway.Address);
        var client = new TestService.TestServiceClient(channel);

        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<RpcException>(() => client.EmptyCallAsync(new Empty(), new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(20))).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("interop", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RouteTimeout_EndsASlowUnaryCallWithDeadlineExceeded()
    {
        var (server, port) = await RunningPlatform.StartInteropServerAsync();
        await using var _ = server;
        var route = GatewayConfig.InteropRoute("interop");
        route["Timeout"] = "00:00:00.300";
        await using var gateway = await GatewayProcess.StartAsync(GatewayConfig.InteropGateway([$"http://127.0.0.1:{port}"], route));
        using var channel = GrpcChannel.ForAddress(gateway.Address);
        var client = new TestService.TestServiceClient(channel);

        // A duplex call the caller never finishes: without the gateway's limit it would wait forever.
        using var call = client.FullDuplexCall(new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(30)));
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }
}
