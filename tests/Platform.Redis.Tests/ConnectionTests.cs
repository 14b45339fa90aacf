using System.Diagnostics;
using System.Text;
using Platform.Testing;

namespace Platform.Redis.Tests;

public sealed class ConnectionTests
{
    [Fact]
    public async Task WrongPassword_FailsWithAClearError()
    {
        await using var server = await RedisServer.StartAsync(password: "right-one");

        var e = await Assert.ThrowsAsync<RedisConnectionException>(() =>
            RedisClient.ConnectAsync($"127.0.0.1:{server.Port},password=wrong-one"));

        Assert.Contains("refused the credentials", e.Message, StringComparison.Ordinal);
        Assert.Contains("WRONGPASS", e.Message, StringComparison.Ordinal);
        await using var ok = await RedisClient.ConnectAsync(server.ConnectionString);
        Assert.True(await ok.SetAsync("k", "v"));
    }

    [Fact]
    public async Task MissingPassword_FailsWithAClearError()
    {
        await using var server = await RedisServer.StartAsync(password: "needed");
        var e = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisClient.ConnectAsync($"127.0.0.1:{server.Port}"));
        Assert.Contains("NOAUTH", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AclUser_AuthenticatesWithUserAndPassword()
    {
        await using var server = await RedisServer.StartAsync();
        await using (var admin = await RedisClient.ConnectAsync(server.ConnectionString))
        {
            await admin.ExecuteAsync("ACL", "SETUSER", "scoreboard", "on", ">pw1", "~*", "+@all");
        }

        await using var client = await RedisClient.ConnectAsync($"127.0.0.1:{server.Port},user=scoreboard,password=pw1");
        Assert.Equal("scoreboard", (await client.ExecuteAsync("ACL", "WHOAMI")).AsString());
    }

    [Fact]
    public async Task DefaultDatabase_IsSelected()
    {
        await using var server = await RedisServer.StartAsync();
        await using var db0 = await RedisClient.ConnectAsync(server.ConnectionString);
        await using var db3 = await RedisClient.ConnectAsync(server.ConnectionString + ",defaultDatabase=3");

        await db3.SetAsync("where", "three");
        Assert.Null(await db0.GetAsync("where"));
        Assert.Equal("three", await db3.GetStringAsync("where"));
    }

    [Fact]
    public async Task NothingListening_CommandFailsWithinItsTimeout_NeverHangs()
    {
        var options = RedisOptions.Parse($"127.0.0.1:{FreePort.Next()},syncTimeout=500,connectTimeout=300");
        await using var client = RedisClient.Create(options);

        var started = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<RedisTimeoutException>(() => client.GetAsync("k"));

        Assert.InRange(started.Elapsed.TotalMilliseconds, 400, 3000);
        Assert.Contains("disconnected", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestartMidLoad_InFlightCallersFailFast_ThenCallsSucceedAndSubscribersResubscribe()
    {
        await using var server = await RedisServer.StartAsync();
        var options = RedisOptions.Parse(server.ConnectionString + ",syncTimeout=1000") with { MaxReconnectDelay = TimeSpan.FromMilliseconds(200) };
        await using var client = await RedisClient.ConnectAsync(options);
        await using var subscriber = RedisSubscriber.Create(options);
        await CommandTests.WaitUntilAsync(() => subscriber.IsConnected);
        var messages = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await subscriber.SubscribeAsync("events", (_, m) => messages.Enqueue(Encoding.UTF8.GetString(m)));

        // Load from 16 callers while the server dies and comes back.
        using var stop = new CancellationTokenSource();
        var slowestFailure = TimeSpan.Zero;
        var failures = 0;
        var successesAfterRestart = 0;
        var restarted = false;
        var workers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = Stopwatch.StartNew();
                try
                {
                    await client.SetAsync($"w{w}", i);
                    if (Volatile.Read(ref restarted))
                    {
                        Interlocked.Increment(ref successesAfterRestart);
                    }
                }
                catch (RedisException)
                {
                    Interlocked.Increment(ref failures);
                    lock (messages)
                    {
                        slowestFailure = started.Elapsed > slowestFailure ? started.Elapsed : slowestFailure;
                    }
                }
            }
        })).ToList();

        await Task.Delay(300);
        // Down for longer than the 1 s command timeout: calls in flight fail at once, queued ones time out.
        await server.StopAsync();
        await Task.Delay(1500);
        await server.StartAgainAsync();
        Volatile.Write(ref restarted, true);
        await CommandTests.WaitUntilAsync(() => Volatile.Read(ref successesAfterRestart) > 100);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.True(failures > 0, "stopping the server should have failed some calls");
        Assert.True(slowestFailure < TimeSpan.FromMilliseconds(2500), $"a failing call took {slowestFailure}, beyond its 1 s timeout");
        await CommandTests.WaitUntilAsync(() => subscriber.ConnectionCount >= 2 && subscriber.IsConnected);
        await CommandTests.WaitUntilAsync(() =>
        {
            _ = client.PublishAsync("events", "after-restart");
            return messages.Contains("after-restart");
        });
    }
}
