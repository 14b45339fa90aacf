using System.Text.Json.Nodes;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>
/// The whole platform behind one gateway, started once for the test collection: the document, entity and
/// prediction services on SQLite, two gRPC interop servers in one cluster, and the gateway with test keys.
/// </summary>
public sealed class RunningPlatform : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("gateway-stack-").FullName;

    public GrpcServiceProcess Entities { get; private set; } = null!;

    public GrpcServiceProcess Predictions { get; private set; } = null!;

    public GrpcServiceProcess Documents { get; private set; } = null!;

    public ChildProcess InteropA { get; private set; } = null!;

    public ChildProcess InteropB { get; private set; } = null!;

    public GatewayProcess Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Entities = await GrpcServiceProcess.StartAsync("Platform.Entities", _data);
        Predictions = await GrpcServiceProcess.StartAsync("Platform.Predictions", _data);
        Documents = await GrpcServiceProcess.StartAsync("Platform.Documents", _data, new Dictionary<string, string>
        {
            ["Dispatch__EntitiesAddress"] = Entities.Address,
            ["Dispatch__PredictionsAddress"] = Predictions.Address,
        });
        (InteropA, var portA) = await StartInteropServerAsync();
        (InteropB, var portB) = await StartInteropServerAsync();

        Gateway = await GatewayProcess.StartAsync(GatewayProcess.Configuration(
            new JsonObject
            {
                ["ApiKeys"] = GatewayConfig.ApiKeys(),
                ["Jwt"] = new JsonObject { ["SigningKey"] = GatewayConfig.JwtSigningKey },
                ["Cors"] = new JsonObject { ["Origins"] = new JsonArray("https://scoreboard.example") },
                ["RateLimits"] = GatewayConfig.HighRateLimits(),
                ["Services"] = GatewayConfig.InteropAccess(),
            },
            routes: new JsonObject { ["interop"] = GatewayConfig.InteropRoute("interop") },
            clusters: new JsonObject
            {
                ["documents"] = GatewayConfig.Cluster(Documents.Address),
                ["entities"] = GatewayConfig.Cluster(Entities.Address),
                ["predictions"] = GatewayConfig.Cluster(Predictions.Address),
                ["interop"] = GatewayConfig.Cluster($"http://127.0.0.1:{portA}", $"http://127.0.0.1:{portB}"),
            }));
    }

    public static async Task<(ChildProcess Server, int Port)> StartInteropServerAsync()
    {
        var port = FreePort.Next();
        var server = ChildProcess.StartDotnet("Platform.Interop.Server", [$"--port={port}"]);
        await server.WaitForLineAsync(l => l.Contains("listening", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        return (server, port);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await InteropA.DisposeAsync();
        await InteropB.DisposeAsync();
        await Documents.DisposeAsync();
        await Predictions.DisposeAsync();
        await Entities.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class RunningPlatformGroup : ICollectionFixture<RunningPlatform>
{
    public const string Name = "running platform";
}
