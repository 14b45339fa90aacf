using System.Text;
using Platform.Testing;

namespace Platform.Redis.Tests;

public sealed class CommandTests : IAsyncLifetime
{
    private RedisServer _server = null!;
    private RedisClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _client = await RedisClient.ConnectAsync(_server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public void Connect_NegotiatesResp3() => Assert.Equal(3, _client.Protocol);

    [Fact]
    public async Task SetGet_WithConditionsAndExpiry()
    {
        Assert.True(await _client.SetAsync("k", "v1"));
        Assert.False(await _client.SetAsync("k", "v2", condition: SetCondition.NotExists));
        Assert.True(await _client.SetAsync("k", "v3", condition: SetCondition.Exists));
        Assert.False(await _client.SetAsync("missing", "x", condition: SetCondition.Exists));
        Assert.Equal("v3", await _client.GetStringAsync("k"));
        Assert.Null(await _client.GetAsync("missing"));

        Assert.True(await _client.SetAsync("ttl", "v", TimeSpan.FromMilliseconds(150)));
        var ttl = await _client.TimeToLiveAsync("ttl");
        Assert.InRange(ttl!.Value.TotalMilliseconds, 1, 150);
        await Task.Delay(300);
        Assert.Null(await _client.GetAsync("ttl"));
    }

    [Fact]
    public async Task MGetDelUnlinkExistsIncrExpire()
    {
        await _client.SetAsync("a", "1");
        await _client.SetAsync("b", "2");
        var values = await _client.MGetAsync("a", "nope", "b");
        Assert.Equal(["1", null, "2"], values.Select(v => v is null ? null : Encoding.UTF8.GetString(v)));
        Assert.Equal(2, await _client.ExistsAsync("a", "b", "nope"));
        Assert.Equal(1, await _client.DeleteAsync("a", "nope"));
        Assert.Equal(1, await _client.UnlinkAsync("b"));
        Assert.Equal(0, await _client.ExistsAsync("a", "b"));

        Assert.Equal(1, await _client.IncrAsync("counter"));
        Assert.Equal(11, await _client.IncrByAsync("counter", 10));
        Assert.True(await _client.ExpireAsync("counter", TimeSpan.FromSeconds(30)));
        Assert.False(await _client.ExpireAsync("nothing", TimeSpan.FromSeconds(30)));
        Assert.True(await _client.PingAsync() < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task GenericCommand_AndServerErrors()
    {
        await _client.ExecuteAsync("HSET", "h", "field", "value");
        Assert.Equal("value", (await _client.ExecuteAsync("HGET", "h", "field")).AsString());

        var e = await Assert.ThrowsAsync<RedisServerException>(() => _client.IncrAsync("h"));
        Assert.Contains("WRONGTYPE", e.Message, StringComparison.Ordinal);
        // The connection stays usable after an error reply.
        Assert.Equal("value", (await _client.ExecuteAsync("HGET", "h", "field")).AsString());
    }

    [Fact]
    public async Task BinaryKeysAndOneMebibyteValues_RoundTrip()
    {
        var key = new byte[] { 0, 255, 13, 10, 36, 42 };
        var value = new byte[1024 * 1024];
        new Random(7).NextBytes(value);

        Assert.True(await _client.SetAsync(key, value));
        Assert.Equal(value, await _client.GetAsync(key));
    }

    [Fact]
    public async Task ThousandConcurrentCallers_EachGetTheirOwnReply()
    {
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => _client.SetAsync($"c:{i}", $"value-{i}")));
        var replies = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i => (i, await _client.GetStringAsync($"c:{i}"))));
        Assert.All(replies, r => Assert.Equal($"value-{r.i}", r.Item2));
    }

    [Fact]
    public async Task Publish_ReachesSubscriber()
    {
        await using var subscriber = RedisSubscriber.Create(RedisOptions.Parse(_server.ConnectionString));
        var received = new TaskCompletionSource<string>();
        await WaitUntilAsync(() => subscriber.IsConnected);
        await subscriber.SubscribeAsync("news", (_, message) => received.TrySetResult(Encoding.UTF8.GetString(message)));

        Assert.Equal(1, await _client.PublishAsync("news", "hello"));
        Assert.Equal("hello", await received.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in time.");
            }

            await Task.Delay(20);
        }
    }
}
