using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>Routes and clusters change while the gateway runs; a broken change is refused and the running configuration kept.</summary>
public sealed class RouteReloadTests
{
    [Fact]
    public async Task EditingTheConfigurationFile_ChangesRoutesWithoutARestart()
    {
        var (serverA, portA) = await RunningPlatform.StartInteropServerAsync();
        await using var _ = serverA;
        JsonObject Config(bool withRoute, string cluster = "interop")
        {
            var config = GatewayConfig.InteropGateway([$"http://127.0.0.1:{portA}"], GatewayConfig.InteropRoute(cluster));
            if (!withRoute)
            {
                config["ReverseProxy"]!["Routes"] = new JsonObject();
            }

            return config;
        }

        await using var gateway = await GatewayProcess.StartAsync(Config(withRoute: false));
        using var channel = GrpcChannel.ForAddress(gateway.Address);
        var client = new TestService.TestServiceClient(channel);
        Assert.Equal(StatusCode.Unimplemented, await StatusOfAsync(client));

        await gateway.ReconfigureAsync(Config(withRoute: true));
        await EventuallyAsync(async () => await StatusOfAsync(client) == StatusCode.OK, gateway);

        // A route to a cluster that does not exist: the reload is refused and logged; the route keeps working.
        await gateway.ReconfigureAsync(Config(withRoute: true, cluster: "missing"));
        await EventuallyAsync(() => Task.FromResult(gateway.Output.Contains("change rejected", StringComparison.Ordinal)), gateway);
        Assert.Equal(StatusCode.OK, await StatusOfAsync(client));

        await gateway.ReconfigureAsync(Config(withRoute: false));
        await EventuallyAsync(async () => await StatusOfAsync(client) == StatusCode.Unimplemented, gateway);
    }

    private static async Task<StatusCode> StatusOfAsync(TestService.TestServiceClient client)
    {
        try
        {
            await client.EmptyCallAsync(new Empty(), new CallOptions().WithDeadline(DateTime.UtcNow + TimeSpan.FromSeconds(5)));
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, GatewayProcess gateway)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the change did not take effect within 15 s:\n" + GrpcThroughGatewayTests.Tail(gateway.Output));
            await Task.Delay(100);
        }
    }
}
