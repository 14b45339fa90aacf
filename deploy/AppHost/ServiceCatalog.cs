namespace Platform.AppHost;

/// <summary>
/// The processes of the local platform; each gets its own loopback port and its own data file under the data
/// folder (or its own PostgreSQL database). The document service hands new documents to the entity service,
/// then to the prediction service; the gateway fronts all three. Redis, when there is one, caches for all.
/// </summary>
internal static class ServiceCatalog
{
    public static IReadOnlyList<ServiceSpec> Create(AppHostOptions options, string apiKeySha256, out string cacheDescription)
    {
        var common = new Dictionary<string, string>
        {
            // Readable console logs locally; the services default to JSON lines for log collectors.
            ["ServiceDefaults__JsonConsoleLogs"] = "false",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["PLATFORM_DATA_DIR"] = options.DataDirectory,
        };

        var specs = new List<ServiceSpec>();
        var redisPort = options.GatewayPort + 4;
        if (options.RedisConnection is { } redis)
        {
            common["ConnectionStrings__Redis"] = redis;
            cacheDescription = $"Redis at {redis}";
        }
        else if (!options.NoRedis && FindOnPath("redis-server") is { } redisServer)
        {
            var redisData = Path.Combine(options.DataDirectory, "redis");
            Directory.CreateDirectory(redisData);
            // A cache only: nothing is persisted, so a restart starts cold and consistent.
            specs.Add(new ServiceSpec("redis", "redis-server", redisPort, new Dictionary<string, string>())
            {
                Executable = redisServer,
                Arguments = ["--port", redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", redisData, "--loglevel", "warning"],
            });
            common["ConnectionStrings__Redis"] = $"127.0.0.1:{redisPort}";
            cacheDescription = $"local redis-server on 127.0.0.1:{redisPort}";
        }
        else
        {
            cacheDescription = options.NoRedis
                ? "in-process (--no-redis)"
                : "in-process (redis-server is not installed; apt-get install redis-server for a shared cache)";
        }

        ServiceSpec Service(string name, string project, int port, Dictionary<string, string>? extra = null)
        {
            var environment = new Dictionary<string, string>(common);
            if (options.PostgresConnection is { } postgres)
            {
                var storageName = project["Platform.".Length..];
                environment["Storage__Provider"] = "postgres";
                environment[$"ConnectionStrings__{storageName}"] = PostgresDatabases.ConnectionFor(postgres, PostgresDatabases.ByService[storageName]);
            }

            foreach (var (key, value) in extra ?? [])
            {
                environment[key] = value;
            }

            return new ServiceSpec(name, project, port, environment, Http2Only: true);
        }

        var entities = Service("entities", "Platform.Entities", options.GatewayPort + 2);
        var predictions = Service("predictions", "Platform.Predictions", options.GatewayPort + 3);
        var documents = Service("documents", "Platform.Documents", options.GatewayPort + 1, new()
        {
            ["Dispatch__EntitiesAddress"] = entities.BaseAddress.ToString(),
            ["Dispatch__PredictionsAddress"] = predictions.BaseAddress.ToString(),
        });
        var gateway = new Dictionary<string, string>(common)
        {
            ["ReverseProxy__Clusters__documents__Destinations__local__Address"] = documents.BaseAddress.ToString(),
            ["ReverseProxy__Clusters__entities__Destinations__local__Address"] = entities.BaseAddress.ToString(),
            ["ReverseProxy__Clusters__predictions__Destinations__local__Address"] = predictions.BaseAddress.ToString(),
            ["Gateway__ApiKeys__local__Sha256"] = apiKeySha256,
            ["Gateway__ApiKeys__local__Roles"] = "admin",
        };

        specs.AddRange([entities, predictions, documents, new ServiceSpec("gateway", "Platform.Gateway", options.GatewayPort, gateway)]);
        return specs;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
