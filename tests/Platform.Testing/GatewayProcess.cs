using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Testing;

/// <summary>
/// The gateway as its own process on a loopback port, configured by a JSON file it watches (so a test can
/// change routes while it runs) plus environment settings; ready once /health/ready answers. The file holds a
/// "Gateway" section (keys, roles, limits) and YARP's "ReverseProxy" section (routes, clusters); both merge
/// over the gateway's appsettings.json, which routes the platform's three services.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private const string YarpDestinationAddress = "Address"; // YARP's key, not this class's property

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

    /// <summary>The configuration file's content: the "Gateway" section and YARP's routes and clusters.</summary>
    public static JsonObject Configuration(JsonObject gateway, JsonObject? routes = null, JsonObject? clusters = null) => new()
    {
        ["Gateway"] = gateway,
        ["ReverseProxy"] = new JsonObject { ["Routes"] = routes ?? new JsonObject(), ["Clusters"] = clusters ?? new JsonObject() },
    };

    /// <summary>
    /// A YARP cluster over <paramref name="addresses"/> (destinations d0, d1, …) as the gateway's own clusters are
    /// set up — HTTP/2 to the backend, power of two choices, HealthyOrPanic — with health checks fast enough for
    /// a test: readiness probed every second, a destination whose transport fails ejected for 30 s.
    /// </summary>
    public static JsonObject Cluster(params string[] addresses)
    {
        var destinations = new JsonObject();
        for (var i = 0; i < addresses.Length; i++)
        {
            destinations[$"d{i}"] = new JsonObject { [YarpDestinationAddress] = addresses[i] };
        }

        return new JsonObject
        {
            ["LoadBalancingPolicy"] = "PowerOfTwoChoices",
            ["AvailableDestinationsPolicy"] = "HealthyOrPanic",
            ["HealthCheck"] = new JsonObject
            {
                ["Active"] = new JsonObject
                {
                    ["Enabled"] = true, ["Interval"] = "00:00:01", ["Timeout"] = "00:00:01", ["Policy"] = "ConsecutiveFailures", ["Path"] = "/health/ready",
                },
                ["Passive"] = new JsonObject { ["Enabled"] = true, ["Policy"] = "TransportFailureRate", ["ReactivationPeriod"] = "00:00:30" },
            },
            ["HttpRequest"] = new JsonObject { ["Version"] = "2", ["VersionPolicy"] = "RequestVersionExact" },
            ["Destinations"] = destinations,
        };
    }

    /// <summary>Starts the gateway with <paramref name="configuration"/> (see <see cref="Configuration"/>) in its watched file.</summary>
    public static async Task<GatewayProcess> StartAsync(JsonObject configuration, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort.Next();
        var configFile = Path.Combine(Directory.CreateTempSubdirectory("gateway-").FullName, "gateway.json");
        await WriteAsync(configFile, configuration);
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

    /// <summary>Runs a gateway expected to refuse <paramref name="configuration"/> and stop: its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(JsonObject configuration, TimeSpan timeout)
    {
        var configFile = Path.Combine(Directory.CreateTempSubdirectory("gateway-").FullName, "gateway.json");
        await WriteAsync(configFile, configuration);
        await using var process = ChildProcess.StartDotnet("Platform.Gateway", ["--urls", $"http://127.0.0.1:{FreePort.Next()}"], new Dictionary<string, string>
        {
            ["ServiceDefaults__JsonConsoleLogs"] = "false",
            ["Gateway__ConfigFile"] = configFile,
        });
        var exitCode = await process.WaitForExitAsync(timeout);
        File.Delete(configFile);
        return (exitCode, process.Output);
    }

    /// <summary>Replaces the watched configuration file (the gateway reloads it without a restart).</summary>
    public Task ReconfigureAsync(JsonObject configuration) => WriteAsync(ConfigFile, configuration);

    private static async Task WriteAsync(string path, JsonObject document)
    {
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
