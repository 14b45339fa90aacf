using System.Text.Json.Nodes;
using Platform.Testing;

namespace Platform.AppHost.Tests;

/// <summary>
/// The local platform as <c>dotnet run --project deploy/AppHost</c> starts it: every resource healthy, the gateway answering
/// JSON on the chosen port, the printed admin key working and kept private; and with <c>--no-redis</c>, the same platform
/// without a redis-server.
/// </summary>
public sealed class PlatformStartTests
{
    private const string RedisServer = "/usr/bin/redis-server";

    [Fact]
    public async Task EveryResource_BecomesHealthy_AndTheLocalAdminKeyWorks()
    {
        // Never skipped: without redis-server the platform silently falls back to in-process caches.
        Assert.True(File.Exists(RedisServer), $"{RedisServer} is missing: deploy/prerequisites.sh installs it (apt-get install redis-server).");
        using var data = new TempFolder();
        var port = FreePort.NextConsecutive(5);

        await using var platform = await HostedPlatform.StartAsync(data.Path, port, "--no-sample");

        // StartAsync waited for every one of them to be healthy.
        Assert.Equal(["documents", "entities", "gateway", "predictions", "redis"], platform.ResourceNames.Order(StringComparer.Ordinal));

        var scoreboard = await platform.GetJsonAsync("v1/scoreboard");
        Assert.IsType<JsonObject>(scoreboard);

        // Without a key the caller is anonymous; with the key from the data folder it is the local admin.
        var anonymous = await platform.GetJsonAsync("v1/me");
        Assert.True(anonymous["anonymous"]!.GetValue<bool>(), anonymous.ToJsonString());
        var me = await platform.GetJsonAsync("v1/me", platform.ApiKey);
        Assert.Equal("key:local", me["identity"]!.GetValue<string>());
        Assert.Contains("admin", me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.False(me["anonymous"]!.GetValue<bool>());

        // The key is readable by its owner only.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data.Path, "local-api-key")));

        // Every service shares the local redis-server on the fifth port, which answers PING for Aspire's health check.
        var services = PlatformProcesses.Of(data.Path).Where(p => p.Environment.ContainsKey("PLATFORM_DATA_DIR")).ToList();
        Assert.NotEmpty(services);
        Assert.All(services, p => Assert.Equal($"127.0.0.1:{port + 4}", p.Environment.GetValueOrDefault("ConnectionStrings__Redis")));
        Assert.Contains(PlatformProcesses.Of(data.Path), p => p.CommandLine.Contains("redis-server", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoRedis_StartsThePlatformWithoutRedis()
    {
        using var data = new TempFolder();
        var port = FreePort.NextConsecutive(5);

        await using var platform = await HostedPlatform.StartAsync(data.Path, port, "--no-redis", "--no-sample");

        Assert.Equal(["documents", "entities", "gateway", "predictions"], platform.ResourceNames.Order(StringComparer.Ordinal));
        var scoreboard = await platform.GetJsonAsync("v1/scoreboard");
        Assert.IsType<JsonObject>(scoreboard);
        var me = await platform.GetJsonAsync("v1/me", platform.ApiKey);
        Assert.Equal("key:local", me["identity"]!.GetValue<string>());

        // No redis-server, and no service is told of one: each caches in its own memory.
        var processes = PlatformProcesses.Of(data.Path);
        Assert.NotEmpty(processes);
        Assert.DoesNotContain(processes, p => p.CommandLine.Contains("redis-server", StringComparison.Ordinal));
        Assert.All(processes, p => Assert.False(p.Environment.ContainsKey("ConnectionStrings__Redis"), $"{p} was given a Redis connection"));
    }
}
