namespace Platform.AppHost;

/// <summary>
/// The processes of the local platform; each gets its own loopback port and its own data file under the data
/// folder. The document service hands new documents to the entity service, then to the prediction service.
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

        var entities = new ServiceSpec("entities", "Platform.Entities", options.GatewayPort + 2, common, Http2Only: true);
        var predictions = new ServiceSpec("predictions", "Platform.Predictions", options.GatewayPort + 3, common, Http2Only: true);
        var documents = new Dictionary<string, string>(common)
        {
            ["Dispatch__EntitiesAddress"] = entities.BaseAddress.ToString(),
            ["Dispatch__PredictionsAddress"] = predictions.BaseAddress.ToString(),
        };

        var documentService = new ServiceSpec("documents", "Platform.Documents", options.GatewayPort + 1, documents, Http2Only: true);
        var gateway = new Dictionary<string, string>(common)
        {
            ["Gateway__Clusters__documents__Destinations__local__Address"] = documentService.BaseAddress.ToString(),
            ["Gateway__Clusters__entities__Destinations__local__Address"] = entities.BaseAddress.ToString(),
            ["Gateway__Clusters__predictions__Destinations__local__Address"] = predictions.BaseAddress.ToString(),
        };

        return
        [
            entities,
            predictions,
            documentService,
            new ServiceSpec("gateway", "Platform.Gateway", options.GatewayPort, gateway),
        ];
    }
}
