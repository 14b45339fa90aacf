using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Testing;
using StackExchange.Redis;

namespace Platform.Caching.Tests;

public sealed class RedisCacheTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Miss_LoadsOnce_ThenHitsFromRedisInAnotherReplica()
    {
        await using var a = await CacheReplica.StartAsync(_redis.ConnectionString);
        await using var b = await CacheReplica.StartAsync(_redis.ConnectionString);
        var loads = 0;

        var first = await a.Cache.GetOrLoadAsync("docs", "1", CacheReplica.Text, _ => { loads++; return Task.FromResult("v1"); });
        var again = await a.Cache.GetOrLoadAsync("docs", "1", CacheReplica.Text, _ => { loads++; return Task.FromResult("other"); });
        var fromB = await b.Cache.GetOrLoadAsync("docs", "1", CacheReplica.Text, _ => { loads++; return Task.FromResult("other"); });

        Assert.Equal(("v1", "v1", "v1", 1), (first, again, fromB, loads));
    }

    [Fact]
    public async Task ConcurrentMisses_RunTheLoaderOnce()
    {
        // A generous operation timeout: on a loaded CI machine a slow Redis reply would otherwise (rightly) open the
        // circuit, and reads that bypass Redis after the load finished would each call the loader again.
        await using var replica = await CacheReplica.StartAsync(_redis.ConnectionString, new() { ["Cache:OperationTimeout"] = "00:00:05" });
        var loads = 0;
        var gate = new TaskCompletionSource();

        var readers = Enumerable.Range(0, 200).Select(_ => replica.Cache.GetOrLoadAsync("docs", "hot", CacheReplica.Text, async _ =>
        {
            Interlocked.Increment(ref loads);
            await gate.Task;
            return "loaded";
        })).ToList();
        await Task.Delay(300);
        gate.SetResult();

        Assert.All(await Task.WhenAll(readers), v => Assert.Equal("loaded", v));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task WriteThroughOneReplica_IsNeverReadStaleThroughTheOther()
    {
        await using var writer = await CacheReplica.StartAsync(_redis.ConnectionString);
        await using var reader = await CacheReplica.StartAsync(_redis.ConnectionString);
        var store = "v0";

        for (var i = 1; i <= 200; i++)
        {
            // The reader has the old value in its L1 and in Redis...
            Assert.Equal(store, await reader.Cache.GetOrLoadAsync("docs", "k", CacheReplica.Text, _ => Task.FromResult(store)));
            // ...the writer changes the store and invalidates...
            store = "v" + i;
            await writer.Cache.InvalidateAsync("docs", "k");
            // ...and the very next read on the reader sees the new value.
            var seen = await reader.Cache.GetOrLoadAsync("docs", "k", CacheReplica.Text, _ => Task.FromResult(store));
            Assert.Equal(store, seen);
        }
    }

    [Fact]
    public async Task WriteDuringALoad_TheLoadedOldValueIsNotKept()
        => await CacheRaces.WriteDuringALoadAsync(await CacheReplica.StartAsync(_redis.ConnectionString));

    [Fact]
    public async Task NamespaceInvalidation_RetiresEveryEntryOnEveryReplica()
    {
        await using var a = await CacheReplica.StartAsync(_redis.ConnectionString);
        await using var b = await CacheReplica.StartAsync(_redis.ConnectionString);
        for (var i = 0; i < 10; i++)
        {
            await b.Cache.GetOrLoadAsync("scoreboard", $"page{i}", CacheReplica.Text, _ => Task.FromResult("old"));
        }

        await a.Cache.InvalidateNamespaceAsync("scoreboard");

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("new", await b.Cache.GetOrLoadAsync("scoreboard", $"page{i}", CacheReplica.Text, _ => Task.FromResult("new")));
        }
    }

    [Fact]
    public async Task RedisStopped_EveryReadIsAnsweredFromTheStore_WithoutDelay_AndHealthIsDegraded_ThenRecovers()
    {
        await using var replica = await CacheReplica.StartAsync(_redis.ConnectionString + ",syncTimeout=1000,connectTimeout=300");
        Assert.Equal("cached", await replica.Cache.GetOrLoadAsync("docs", "x", CacheReplica.Text, _ => Task.FromResult("cached")));
        Assert.Equal(HealthStatus.Healthy, (await replica.HealthAsync()).Status);

        await _redis.StopAsync();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 100; i++)
        {
            var started = Stopwatch.StartNew();
            var value = await replica.Cache.GetOrLoadAsync("docs", "x", CacheReplica.Text, _ => Task.FromResult("from-store"));
            slowest = started.Elapsed > slowest ? started.Elapsed : slowest;
            // The first reads may still hit L1 until the subscription notices the loss; none may fail.
            Assert.True(value is "cached" or "from-store", value);
        }

        var health = await replica.HealthAsync();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.True(slowest < TimeSpan.FromMilliseconds(600), $"a read took {slowest} with Redis down");

        await _redis.StartAgainAsync();
        await WaitUntilAsync(async () => (await replica.HealthAsync()).Status == HealthStatus.Healthy);
        Assert.Equal("fresh", await replica.Cache.GetOrLoadAsync("docs", "y", CacheReplica.Text, _ => Task.FromResult("fresh")));
    }

    [Fact]
    public async Task RedisSlow_CircuitOpens_AndReadsStopWaitingForIt()
    {
        await using var replica = await CacheReplica.StartAsync(_redis.ConnectionString);
        var admin = RedisConnection.Options(_redis.ConnectionString);
        admin.AllowAdmin = true;
        await using var blocker = await ConnectionMultiplexer.ConnectAsync(admin);
        // CLIENT PAUSE holds every client's commands: Redis is up and connected, but answers nothing for 3 s.
        await blocker.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "3000", "ALL");

        var timings = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            var started = Stopwatch.StartNew();
            Assert.Equal("store", await replica.Cache.GetOrLoadAsync("docs", $"slow{i}", CacheReplica.Text, _ => Task.FromResult("store")));
            timings.Add(started.Elapsed);
        }

        // The first reads each wait one operation timeout (250 ms); once the circuit is open they do not.
        Assert.True(timings.Skip(5).All(t => t < TimeSpan.FromMilliseconds(200)), string.Join(", ", timings.Select(t => t.TotalMilliseconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(HealthStatus.Degraded, (await replica.HealthAsync()).Status);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }
}
