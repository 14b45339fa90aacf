using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Testing;

/// <summary>
/// The gateway as its own process on a loopback port, configured by a JSON file it watches (so a test can
/// change routes while it runs) plus environment settings; ready once /health/ready answers.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private GatewayProcess(int port, string configFile, ChildProcess process)
    {
        Port = port;
        ConfigFile = configFile;
        _process = process;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public string ConfigFile { get; }

    public string Output => _process.Output;

    /// <summary>Starts the gateway with <paramref name="gatewaySection"/> as its "Gateway" configuration.</summary>
    public static async Task<GatewayProcess> StartAsync(JsonObject gatewaySection, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort.Next();
        var configFile = Path.Combine(Directory.CreateTempSubdirectory("gateway-").FullName, "gateway.json");
        await WriteAsync(configFile, gatewaySection);
        var environment = new Dictionary<string, string>
        {
            ["ServiceDefaults__JsonConsoleLogs"] = "false",
            ["Gateway__ConfigFile"] = configFile,
            ["ServiceDefaults__ShutdownTimeoutSeconds"] = "2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = ChildProcess.StartDotnet("Platform.Gateway", ["--urls", $"http://127.0.0.1:{port}"], environment);
        var gateway = new GatewayProcess(port, configFile, process);
        try
        {
            await Http.WaitUntilRespondingAsync(new Uri(gateway.Address, "health/ready"), TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException("The gateway did not become ready:\n" + process.Output);
        }

        return gateway;
    }

    /// <summary>Replaces the watched configuration file (the gateway reloads it without a restart).</summary>
    public Task ReconfigureAsync(JsonObject gatewaySection) => WriteAsync(ConfigFile, gatewaySection);

    private static async Task WriteAsync(string path, JsonObject gatewaySection)
    {
        var document = new JsonObject { ["Gateway"] = JsonNode.Parse(gatewaySection.ToJsonString()) };
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, path, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        File.Delete(ConfigFile);
    }
}
