using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Caching.Tests;

public sealed class LocalCacheTests
{
    [Fact]
    public async Task NoRedisConfigured_SameApiRunsInProcess()
    {
        await using var replica = await CacheReplica.StartAsync(redis: null);
        var loads = 0;

        var values = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            replica.Cache.GetOrLoadAsync("docs", "1", CacheReplica.Text, async ct => { Interlocked.Increment(ref loads); await Task.Delay(50, ct); return "v"; })));
        await replica.Cache.InvalidateAsync("docs", "1");
        var reloaded = await replica.Cache.GetOrLoadAsync("docs", "1", CacheReplica.Text, _ => Task.FromResult("v2"));
        await replica.Cache.InvalidateNamespaceAsync("docs");
        var afterNamespace = await replica.Cache.GetOrLoadAsync("docs", "1", CacheReplica.Text, _ => Task.FromResult("v3"));

        Assert.All(values, v => Assert.Equal("v", v));
        Assert.Equal(1, loads);
        Assert.Equal(("v2", "v3"), (reloaded, afterNamespace));
        Assert.Equal(HealthStatus.Healthy, (await replica.HealthAsync()).Status);
        await replica.Distributed.SetAsync("k", [7], new Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions());
        Assert.Equal(new byte[] { 7 }, await replica.Distributed.GetAsync("k"));
    }

    [Fact]
    public async Task WriteDuringALoad_TheLoadedOldValueIsNotKept()
        => await CacheRaces.WriteDuringALoadAsync(await CacheReplica.StartAsync(redis: null));

    [Theory]
    [InlineData("Cache:FailuresToBreak", "0", "FailuresToBreak")]
    [InlineData("Cache:OperationTimeout", "00:00:00", "OperationTimeout")]
    [InlineData("Cache:L1MaxEntries", "-5", "L1MaxEntries")]
    public async Task BadSetting_StopsTheHost_NamingIt(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            CacheReplica.StartAsync(redis: null, new() { [key] = value }));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
