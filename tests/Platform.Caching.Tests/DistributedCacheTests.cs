using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Platform.Testing;

namespace Platform.Caching.Tests;

public sealed class DistributedCacheTests
{
    [Fact]
    public async Task Redis_SetGetRemove_AndAbsoluteExpiry()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var replica = await CacheReplica.StartAsync(redis.ConnectionString);
        var cache = replica.Distributed;
        Assert.IsAssignableFrom<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCache>(cache);

        await cache.SetStringAsync("session", "abc");
        Assert.Equal("abc", await cache.GetStringAsync("session"));
        await cache.RemoveAsync("session");
        Assert.Null(await cache.GetStringAsync("session"));

        // Redis expiry through Microsoft.Extensions.Caching.StackExchangeRedis has one-second granularity.
        await cache.SetAsync("short", Encoding.UTF8.GetBytes("x"), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(1) });
        Assert.NotNull(await cache.GetAsync("short"));
        await Task.Delay(2200);
        Assert.Null(await cache.GetAsync("short"));
    }

    [Fact]
    public async Task Redis_SlidingExpiry_IsExtendedByReads()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var replica = await CacheReplica.StartAsync(redis.ConnectionString);
        var cache = replica.Distributed;
        await cache.SetAsync("slide", [1], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromSeconds(2) });

        // Reads 700 ms apart keep it alive well past the 2 s window (expiry has one-second granularity)...
        for (var i = 0; i < 6; i++)
        {
            await Task.Delay(700);
            Assert.NotNull(await cache.GetAsync("slide"));
        }

        // ...and without reads it expires.
        await Task.Delay(3200);
        Assert.Null(await cache.GetAsync("slide"));
    }

    [Fact]
    public async Task Redis_AbsoluteExpiryInThePast_IsRejected()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var replica = await CacheReplica.StartAsync(redis.ConnectionString);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            replica.Distributed.SetAsync("k", [1], new DistributedCacheEntryOptions { AbsoluteExpiration = DateTimeOffset.UtcNow.AddMinutes(-1) }));
    }
}
