using System.Globalization;

namespace Platform.AppHost;

/// <summary>What the platform was started with, for the lines printed when it is ready.</summary>
internal sealed record PlatformSummary(IResourceBuilder<ProjectResource> Gateway, string Cache);

/// <summary>
/// The platform's resources: a local redis-server (a cache only, when installed and not replaced or refused), the
/// entity, prediction and document services, and the gateway in front of them, each on its own loopback port
/// (the gateway's, then the next four) with its own data file under the data folder or its own PostgreSQL database.
/// Every service waits for what it calls; the gateway waits for all three.
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

        IResourceBuilder<ProjectResource> Service<TProject>(string name, int port)
            where TProject : IProjectMetadata, new()
        {
            var service = builder.AddProject<TProject>(name, project => project.ExcludeLaunchProfile = true)
                .WithHttpEndpoint(port: port, name: "http", isProxied: false)
                .WithEnvironment("ASPNETCORE_URLS", Address(port))
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
                // Readable console logs locally; the services default to JSON lines for log collectors.
                .WithEnvironment("ServiceDefaults__JsonConsoleLogs", "false")
                .WithEnvironment("PLATFORM_DATA_DIR", options.DataDirectory)
                .WithHealthCheck(ReadinessChecks.Http2Ready(builder, name, port));
            if (redisConnection is not null)
            {
                service.WithEnvironment("ConnectionStrings__Redis", redisConnection);
            }

            if (redis is not null)
            {
                service.WaitFor(redis);
            }

            if (options.PostgresConnection is { } postgres && name != "gateway")
            {
                var storage = char.ToUpperInvariant(name[0]) + name[1..];
                service.WithEnvironment("Storage__Provider", "postgres")
                    .WithEnvironment($"ConnectionStrings__{storage}", PostgresDatabases.ConnectionFor(postgres, PostgresDatabases.ByService[storage]));
            }

            return service;
        }

        var entities = Service<Projects.Platform_Entities>("entities", options.GatewayPort + 2);
        var predictions = Service<Projects.Platform_Predictions>("predictions", options.GatewayPort + 3);
        var documents = Service<Projects.Platform_Documents>("documents", options.GatewayPort + 1)
            .WithEnvironment("Dispatch__EntitiesAddress", Address(options.GatewayPort + 2))
            .WithEnvironment("Dispatch__PredictionsAddress", Address(options.GatewayPort + 3))
            .WaitFor(entities)
            .WaitFor(predictions);
        var gateway = Service<Projects.Platform_Gateway>("gateway", options.GatewayPort)
            .WithEnvironment("ReverseProxy__Clusters__documents__Destinations__local__Address", Address(options.GatewayPort + 1))
            .WithEnvironment("ReverseProxy__Clusters__entities__Destinations__local__Address", Address(options.GatewayPort + 2))
            .WithEnvironment("ReverseProxy__Clusters__predictions__Destinations__local__Address", Address(options.GatewayPort + 3))
            .WithEnvironment("Gateway__ApiKeys__local__Sha256", apiKeySha256)
            .WithEnvironment("Gateway__ApiKeys__local__Roles", "admin")
            .WaitFor(documents)
            .WaitFor(entities)
            .WaitFor(predictions);
        return new PlatformSummary(gateway, cache);
    }

    private static string Address(int port) => $"http://127.0.0.1:{port}";

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
