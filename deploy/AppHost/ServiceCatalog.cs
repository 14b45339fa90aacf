namespace Platform.AppHost;

/// <summary>
/// The processes of the local platform. The document, entity and prediction services join this list
/// as they are built; each gets its own loopback port and its own data file under the data folder.
/// </summary>
internal static class ServiceCatalog
{
    public static IReadOnlyList<ServiceSpec> Create(AppHostOptions options)
    {
        var common = new Dictionary<string, string>
        {
            // Readable console logs locally; the services default to JSON lines for log collectors.
            ["ServiceDefaults__JsonConsoleLogs"] = "false",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["PLATFORM_DATA_DIR"] = options.DataDirectory,
        };

        return
        [
            new ServiceSpec("documents", "Platform.Documents", options.GatewayPort + 1, common, Http2Only: true),
            new ServiceSpec("gateway", "Platform.Gateway", options.GatewayPort, common),
        ];
    }
}
