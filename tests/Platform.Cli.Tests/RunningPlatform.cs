using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Testing;

namespace Platform.Cli.Tests;

/// <summary>
/// The platform the CLI talks to, started once for the test collection: the document, entity and prediction
/// services on SQLite in a temporary folder, and the gateway in front of them with one API key per role.
/// </summary>
public sealed class RunningPlatform : IAsyncLifetime
{
    public const string ReaderKey = "cli-reader-key-2b7d";
    public const string ContributorKey = "cli-contributor-key-91ce";
    public const string ResolverKey = "cli-resolver-key-40fa";

    private readonly string _data = Directory.CreateTempSubdirectory("cli-platform-").FullName;
    private GrpcServiceProcess? _entities;
    private GrpcServiceProcess? _predictions;
    private GrpcServiceProcess? _documents;
    private GatewayProcess? _gateway;

    public Uri Gateway => _gateway!.Address;

    /// <summary>The data folder, whose api-keys.json the gateway reads as the app host's does.</summary>
    public string DataDirectory => _data;

    public async Task InitializeAsync()
    {
        _entities = await GrpcServiceProcess.StartAsync("Platform.Entities", _data);
        _predictions = await GrpcServiceProcess.StartAsync("Platform.Predictions", _data);
        _documents = await GrpcServiceProcess.StartAsync("Platform.Documents", _data, new Dictionary<string, string>
        {
            ["Dispatch__EntitiesAddress"] = _entities.Address,
            ["Dispatch__PredictionsAddress"] = _predictions.Address,
        });
        _gateway = await GatewayProcess.StartAsync(GatewayProcess.Configuration(
            new JsonObject
            {
                ["ApiKeys"] = new JsonObject
                {
                    ["cli-reader"] = Key(ReaderKey, "reader"),
                    ["cli-contributor"] = Key(ContributorKey, "contributor"),
                    ["cli-resolver"] = Key(ResolverKey, "resolver"),
                },
            },
            clusters: new JsonObject
            {
                ["documents"] = GatewayProcess.Cluster(_documents.Address),
                ["entities"] = GatewayProcess.Cluster(_entities.Address),
                ["predictions"] = GatewayProcess.Cluster(_predictions.Address),
            }),
            new Dictionary<string, string> { ["Gateway__KeysFile"] = Path.Combine(_data, "api-keys.json") });
    }

    /// <summary>Runs <c>platform</c> against this platform's gateway (given by PLATFORM_GATEWAY, as a user would set it).</summary>
    public Task<CliResult> RunAsync(params string[] arguments) =>
        Cli.RunAsync(arguments, new Dictionary<string, string> { ["PLATFORM_GATEWAY"] = Gateway.ToString() });

    public async Task DisposeAsync()
    {
        foreach (var process in new IAsyncDisposable?[] { _gateway, _documents, _predictions, _entities })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        Directory.Delete(_data, recursive: true);
    }

    private static JsonObject Key(string key, string role) => new()
    {
        ["Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
        ["Roles"] = role,
    };
}

[CollectionDefinition(Name)]
public sealed class RunningPlatformGroup : ICollectionFixture<RunningPlatform>
{
    public const string Name = "running platform";
}
