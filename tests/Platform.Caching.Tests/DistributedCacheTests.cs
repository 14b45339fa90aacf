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
        Assert.IsType<RedisDistributedCache>(cache);

        await cache.SetStringAsync("session", "abc");
        Assert.Equal("abc", await cache.GetStringAsync("session"));
        await cache.RemoveAsync("session");
        Assert.Null(await cache.GetStringAsync("session"));

        await cache.SetAsync("short", Encoding.UTF8.GetBytes("x"), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMilliseconds(200) });
        Assert.NotNull(await cache.GetAsync("short"));
        await Task.Delay(400);
        Assert.Null(await cache.GetAsync("short"));
    }

    [Fact]
    public async Task Redis_SlidingExpiry_IsExtendedByReads()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var replica = await CacheReplica.StartAsync(redis.ConnectionString);
        var cache = replica.Distributed;
        await cache.SetAsync("slide", [1], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMilliseconds(1000) });

        // Reads 300 ms apart keep it alive well past the 1 s window...
        for (var i = 0; i < 6; i++)
        {
            await Task.Delay(300);
            Assert.NotNull(await cache.GetAsync("slide"));
        }

        // ...and without reads it expires.
        await Task.Delay(1500);
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
