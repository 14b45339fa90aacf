using System.Globalization;

namespace Platform.AppHost;

/// <summary>What the platform was started with, for the lines printed when it is ready.</summary>
/// <param name="Supervised">The processes the host restarts when they die (see <see cref="ResourceSupervisor"/>).</param>
internal sealed record PlatformSummary(IResourceBuilder<ExecutableResource> Gateway, string Cache, IReadOnlySet<string> Supervised);

/// <summary>
/// The platform's resources: a local redis-server (a cache only, when installed and not replaced or refused), the
/// entity, prediction and document services, and the gateway in front of them, each on its own loopback port
/// (the gateway's, then the next four) with its own data file under the data folder or its own PostgreSQL database.
/// The services start together — none needs another to start: the cache connection and the document service's
/// hand-offs retry until their peer is there — and the gateway waits until all three (and redis) are healthy.
/// The services run as executables of their build output rather than as Aspire project resources: a project
/// resource is started through `dotnet run`, which evaluates the project with MSBuild at every start and stays
/// resident beside the service (measured: ~130 MB and several seconds of CPU per service on this machine).
/// </summary>
internal static class PlatformResources
{
    public static PlatformSummary Add(IDistributedApplicationBuilder builder, AppHostOptions options, string apiKeySha256)
    {
        var redisConnection = options.RedisConnection;
        var cache = redisConnection is null ? "" : $"Redis at {redisConnection}";
        IResourceBuilder<ExecutableResource>? redis = null;
        if (redisConnection is null && !options.NoRedis && FindOnPath("redis-server") is { } redisServer)
        {
            var port = options.GatewayPort + 4;
            var folder = Path.Combine(options.DataDirectory, "redis");
            Directory.CreateDirectory(folder);
            // Nothing is persisted: a restart starts cold and consistent.
            redis = builder.AddExecutable("redis", redisServer, folder,
                    "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", folder, "--loglevel", "warning")
                .WithHealthCheck(ReadinessChecks.RedisPing(builder, "redis", port));
            redisConnection = $"127.0.0.1:{port}";
            cache = $"local redis-server on 127.0.0.1:{port}";
        }
        else if (redisConnection is null)
        {
            cache = options.NoRedis
                ? "in-process (--no-redis)"
                : "in-process (redis-server is not installed; apt-get install redis-server for a shared cache)";
        }

        IResourceBuilder<ExecutableResource> Service(string name, string project, int port)
        {
            var assembly = BuildOutput.Locate(project);
            var service = builder.AddExecutable(name, "dotnet", Path.GetDirectoryName(assembly)!, "exec", assembly)
                .WithHttpEndpoint(port: port, name: "http", isProxied: false)
                .WithOtlpExporter()
                .WithEnvironment("ASPNETCORE_URLS", Address(port))
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", options.Development ? "Development" : "Production")
                // Readable console logs locally; the services default to JSON lines for log collectors.
                .WithEnvironment("ServiceDefaults__JsonConsoleLogs", "false")
                .WithEnvironment("PLATFORM_DATA_DIR", options.DataDirectory)
                .WithHealthCheck(ReadinessChecks.Http2Ready(builder, name, port));
            if (redisConnection is not null)
            {
                service.WithEnvironment("ConnectionStrings__Redis", redisConnection);
            }

            if (options.PostgresConnection is { } postgres && name != "gateway")
            {
                var storage = char.ToUpperInvariant(name[0]) + name[1..];
                service.WithEnvironment("Storage__Provider", "postgres")
                    .WithEnvironment($"ConnectionStrings__{storage}", PostgresDatabases.ConnectionFor(postgres, PostgresDatabases.ByService[storage]));
            }

            return service;
        }

        var entities = Service("entities", "Platform.Entities", options.GatewayPort + 2);
        var predictions = Service("predictions", "Platform.Predictions", options.GatewayPort + 3);
        var documents = Service("documents", "Platform.Documents", options.GatewayPort + 1)
            .WithEnvironment("Dispatch__EntitiesAddress", Address(options.GatewayPort + 2))
            .WithEnvironment("Dispatch__PredictionsAddress", Address(options.GatewayPort + 3));
        var gateway = Service("gateway", "Platform.Gateway", options.GatewayPort)
            .WithEnvironment("ReverseProxy__Clusters__documents__Destinations__local__Address", Address(options.GatewayPort + 1))
            .WithEnvironment("ReverseProxy__Clusters__entities__Destinations__local__Address", Address(options.GatewayPort + 2))
            .WithEnvironment("ReverseProxy__Clusters__predictions__Destinations__local__Address", Address(options.GatewayPort + 3))
            .WithEnvironment("Gateway__ApiKeys__local__Sha256", apiKeySha256)
            .WithEnvironment("Gateway__ApiKeys__local__Roles", "admin")
            // Keys made with `platform keys create --data-dir <data folder>`, reloaded as they change.
            .WithEnvironment("Gateway__KeysFile", Path.Combine(options.DataDirectory, "api-keys.json"))
            .WaitFor(documents)
            .WaitFor(entities)
            .WaitFor(predictions);
        if (redis is not null)
        {
            gateway.WaitFor(redis); // so that "ready" means the shared cache is up too
        }

        HashSet<string> supervised = ["entities", "predictions", "documents", "gateway"];
        if (redis is not null)
        {
            supervised.Add("redis");
        }

        return new PlatformSummary(gateway, cache, supervised);
    }

    private static string Address(int port) => $"http://127.0.0.1:{port}";

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
