using System.Net;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>
/// The gateway's configuration as an operator meets it: a mistake at start-up stops the gateway with the key
/// named; keys, roles and limits change while it runs; destinations found by DNS, one per address.
/// </summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task ARouteToAMissingCluster_StopsStartUp_NamingTheRoute()
    {
        var config = GatewayConfig.InteropGateway(["http://127.0.0.1:1"], GatewayConfig.InteropRoute("interopp"));

        var (exitCode, output) = await GatewayProcess.RunUntilExitAsync(config, TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ReverseProxy:Routes:interop:ClusterId 'interopp' is not a configured cluster", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARoleThatDoesNotExist_StopsStartUp_NamingTheKey()
    {
        var access = GatewayConfig.InteropAccess();
        access["grpc.testing.TestService"]!["Methods"]!["EmptyCall"]!["Role"] = "editor";
        var config = GatewayConfig.InteropGateway(["http://127.0.0.1:1"], gateway: new JsonObject { ["Services"] = access });

        var (exitCode, output) = await GatewayProcess.RunUntilExitAsync(config, TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Gateway:Services:grpc.testing.TestService:Methods:EmptyCall:Role: 'editor' is not a role", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysRolesAndRateLimits_ChangeWithoutARestart_AndABrokenChangeIsRefused()
    {
        var (server, port) = await RunningPlatform.StartInteropServerAsync();
        await using var _ = server;
        JsonObject Config(JsonObject? keys = null, int burst = 100_000, string emptyCallRole = "reader")
        {
            var access = GatewayConfig.InteropAccess();
            access["grpc.testing.TestService"]!["Methods"]!["EmptyCall"] = new JsonObject { ["Role"] = emptyCallRole };
            return GatewayConfig.InteropGateway([$"http://127.0.0.1:{port}"], gateway: new JsonObject
            {
                ["ApiKeys"] = keys?.DeepClone() ?? new JsonObject(),
                ["Services"] = access,
                ["RateLimits"] = new JsonObject { ["PerAddressPerSecond"] = 1, ["PerAddressBurst"] = burst, ["PerCallerPerSecond"] = 100_000, ["PerCallerBurst"] = 100_000 },
            });
        }

        await using var gateway = await GatewayProcess.StartAsync(Config(emptyCallRole: "admin"));
        using var channel = GrpcChannel.ForAddress(gateway.Address);
        var client = new TestService.TestServiceClient(channel);
        using var http = new HttpClient { BaseAddress = gateway.Address };
        async Task<StatusCode> EmptyCall(string? key = null)
        {
            try
            {
                var headers = key is null ? null : new Metadata { { "x-api-key", key } };
                await client.EmptyCallAsync(new Empty(), new CallOptions(headers, DateTime.UtcNow.AddSeconds(5)));
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }

        Assert.Equal(StatusCode.Unauthenticated, await EmptyCall(GatewayConfig.AdminKey));

        // A new key with the admin role: no restart.
        var keys = new JsonObject { ["ops"] = new JsonObject { ["Sha256"] = GatewayConfig.Sha256(GatewayConfig.AdminKey), ["Roles"] = "admin" } };
        await gateway.ReconfigureAsync(Config(keys, emptyCallRole: "admin"));
        await EventuallyAsync(async () => await EmptyCall(GatewayConfig.AdminKey) == StatusCode.OK, gateway);
        Assert.Equal(StatusCode.Unauthenticated, await EmptyCall());

        // A role that does not exist: refused and logged; the running table stays.
        await gateway.ReconfigureAsync(Config(keys, emptyCallRole: "boss"));
        await EventuallyAsync(() => Task.FromResult(gateway.Output.Contains("'boss' is not a role", StringComparison.Ordinal)), gateway);
        Assert.Contains("change rejected", gateway.Output, StringComparison.Ordinal);
        Assert.Equal(StatusCode.OK, await EmptyCall(GatewayConfig.AdminKey));

        // The method opened to readers, and the anonymous rate limit lowered to a burst of 3.
        await gateway.ReconfigureAsync(Config(keys, burst: 3, emptyCallRole: "reader"));
        await EventuallyAsync(async () => (await http.GetAsync("/v1/me")).StatusCode == HttpStatusCode.TooManyRequests, gateway);
    }

    /// <summary>
    /// With DNS destinations on, a destination's host name becomes one destination per address (as it would per
    /// pod of a headless Service), each probed on its own; a name that does not resolve yet (a Service with no
    /// ready pod) neither stops the gateway nor the destinations that do resolve.
    /// </summary>
    [Fact]
    public async Task DnsDestinations_BecomeOneDestinationPerAddress_AndAnUnresolvedNameDoesNotStopTheGateway()
    {
        var (server, port) = await RunningPlatform.StartInteropServerAsync();
        await using var _ = server;
        var config = GatewayConfig.InteropGateway([$"http://localhost:{port}", $"http://not-yet-ready.invalid:{port}"], gateway: new JsonObject
        {
            ["DnsDestinations"] = new JsonObject { ["Enabled"] = true, ["RefreshPeriod"] = "00:00:05" },
        });
        await using var gateway = await GatewayProcess.StartAsync(config, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Yarp.ReverseProxy.Health"] = "Information",
        });

        await EventuallyAsync(() => Task.FromResult(gateway.Output.Contains("`d0[127.0.0.1]`", StringComparison.Ordinal)), gateway);
        Assert.Contains("not-yet-ready.invalid", gateway.Output, StringComparison.Ordinal);
        Assert.Contains("does not resolve yet", gateway.Output, StringComparison.Ordinal);

        using var channel = GrpcChannel.ForAddress(gateway.Address);
        var client = new TestService.TestServiceClient(channel);
        for (var i = 0; i < 20; i++)
        {
            await client.EmptyCallAsync(new Empty(), new CallOptions().WithDeadline(DateTime.UtcNow.AddSeconds(5)));
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
