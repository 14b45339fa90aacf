using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.Caching.Tests;

/// <summary>
/// The connection string forms the AppHost and the Kubernetes manifests write, turned into StackExchange.Redis
/// settings in one place; and the cache's connection against a real redis-server: a password, a wrong password,
/// and a connection the server kills.
/// </summary>
public sealed class RedisConnectionTests
{
    [Fact]
    public void Url_WithUserPasswordAndDatabase_BecomesTheSameSettings()
    {
        var options = RedisConnection.Options("redis://cache-user:s%40cret@redis.platform.svc:6380/2");

        var endpoint = Assert.IsType<DnsEndPoint>(Assert.Single(options.EndPoints));
        Assert.Equal(("redis.platform.svc", 6380), (endpoint.Host, endpoint.Port));
        Assert.Equal(("cache-user", "s@cret", 2), (options.User, options.Password, options.DefaultDatabase));
        Assert.False(options.Ssl);
        Assert.False(options.AbortOnConnectFail); // a service never crashes because Redis is not up yet
    }

    [Fact]
    public void Rediss_TurnsTlsOn_AndPasswordOnlyUserInfoIsThePassword()
    {
        var options = RedisConnection.Options("rediss://:pw@10.0.0.7");

        Assert.True(options.Ssl);
        Assert.Equal((null, "pw", 6379), (options.User, options.Password, ((IPEndPoint)Assert.Single(options.EndPoints)).Port));
    }

    [Fact]
    public void HostPort_AndStackExchangeOptionLists_AreAccepted()
    {
        Assert.Equal("127.0.0.1:7000", Assert.Single(RedisConnection.Options("127.0.0.1:7000").EndPoints).ToString());
        var listed = RedisConnection.Options("127.0.0.1:7000,password=pw,ssl=true,syncTimeout=1500");
        Assert.Equal(("pw", true, 1500, 5_000), (listed.Password, listed.Ssl, listed.SyncTimeout, listed.ConnectTimeout));
        Assert.False(listed.AbortOnConnectFail);
    }

    [Theory]
    [InlineData("redis://host/notanumber", "Invalid database 'notanumber'")]
    [InlineData("127.0.0.1:7000,nonsense=1", "Invalid Redis connection")]
    [InlineData("password=only", "names no host:port")]
    public void BadConnectionStrings_AreRefused_NamingTheProblem_WithoutThePassword(string connection, string problem)
    {
        var error = Assert.Throws<FormatException>(() => RedisConnection.Options(connection));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("only", error.Message.Replace("names no", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordFromAUrl_IsUsed_AndAWrongOneLeavesTheCacheDegradedButServing()
    {
        await using var redis = await RedisServer.StartAsync(password: "correct horse");
        await using var good = await CacheReplica.StartAsync($"redis://:correct%20horse@127.0.0.1:{redis.Port}");
        Assert.Equal("v", await good.Cache.GetOrLoadAsync("docs", "1", CacheReplica.Text, _ => Task.FromResult("v")));
        Assert.Equal(HealthStatus.Healthy, (await good.HealthAsync()).Status);

        await using var bad = await CacheReplica.StartAsync($"redis://:wrong@127.0.0.1:{redis.Port}", waitForRedis: false);
        Assert.Equal("from store", await bad.Cache.GetOrLoadAsync("docs", "1", CacheReplica.Text, _ => Task.FromResult("from store")));
        var health = await bad.HealthAsync();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.DoesNotContain("wrong", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionKilledByTheServer_IsReestablished_AndInvalidationsFlowAgain()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await CacheReplica.StartAsync(redis.ConnectionString);
        await using var b = await CacheReplica.StartAsync(redis.ConnectionString);
        var version = "v1";
        Assert.Equal("v1", await b.Cache.GetOrLoadAsync("docs", "k", CacheReplica.Text, _ => Task.FromResult(version)));

        var admin = RedisConnection.Options(redis.ConnectionString);
        admin.AllowAdmin = true;
        await using (var killer = await ConnectionMultiplexer.ConnectAsync(admin))
        {
            // Every client but the killer: both replicas' command and subscription connections.
            await killer.GetDatabase().ExecuteAsync("CLIENT", "KILL", "SKIPME", "yes");
        }

        // Both replicas come back without a restart, and a write through one is seen through the other.
        await WaitUntilAsync(async () => (await a.HealthAsync()).Status == HealthStatus.Healthy && (await b.HealthAsync()).Status == HealthStatus.Healthy);
        version = "v2";
        await a.Cache.InvalidateAsync("docs", "k");
        Assert.Equal("v2", await b.Cache.GetOrLoadAsync("docs", "k", CacheReplica.Text, _ => Task.FromResult(version)));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(100);
        }
    }
}
