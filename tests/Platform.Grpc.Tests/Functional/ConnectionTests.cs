using Platform.Grpc.Tests.Functional;
using Platform.Grpc.Tests.Support;
using static Platform.Grpc.Tests.Functional.CallShapesTests;

namespace Platform.Grpc.Tests.Functional;

public sealed class ConnectionTests
{
    [Fact]
    public async Task StreamsBeyondTheServersLimit_OpenExtraConnections_InsteadOfQueueing()
    {
        await using var server = await TestGrpcServer.StartAsync(http2: limits => limits.MaxStreamsPerConnection = 2);
        using var channel = server.CreateChannel();
        var client = new FunctionalService.FunctionalServiceClient(channel);

        var calls = Enumerable.Range(0, 6)
            .Select(i => client.SleepAsync(new SleepRequest { DurationMs = 400, Key = "pool" + i }, Deadline()).ResponseAsync)
            .ToList();
        var replies = await Task.WhenAll(calls);

        Assert.True(replies.Select(r => r.ConnectionId).Distinct().Count() >= 3,
            "6 concurrent calls with 2 streams per connection should use at least 3 connections");
    }

    [Fact]
    public async Task SequentialCalls_ReuseOneConnection()
    {
        await using var server = await TestGrpcServer.StartAsync();
        using var channel = server.CreateChannel();
        var client = new FunctionalService.FunctionalServiceClient(channel);

        var ids = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await client.EchoAsync(new EchoRequest(), Deadline())).ConnectionId);
        }

        Assert.Single(ids);
    }
}
