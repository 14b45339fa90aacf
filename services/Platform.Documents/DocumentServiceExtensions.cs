using Platform.Caching;
using Platform.Documents.Dispatch;
using Platform.Documents.Grpc;
using Platform.Documents.Ingestion;
using Platform.Documents.Storage;
using Platform.Grpc.Server;
using Platform.Grpc.Services;

namespace Platform.Documents;

internal static class DocumentServiceExtensions
{
    /// <summary>Storage (SQLite by default, PostgreSQL by configuration), cache, gRPC and the outbox dispatcher.</summary>
    public static void AddDocumentService(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.AddSingleton<SqlDialect>(_ => CreateDialect(storage, configuration));
        builder.Services.AddSingleton<DocumentRepository>();
        builder.Services.AddSingleton<OutboxRepository>();
        builder.Services.AddSingleton(configuration.GetSection(IngestionOptions.SectionName).Get<IngestionOptions>() ?? new IngestionOptions());
        builder.Services.AddSingleton(configuration.GetSection(DispatchOptions.SectionName).Get<DispatchOptions>() ?? new DispatchOptions());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DocumentIngestor>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.AddPlatformCache();
        builder.Services.AddGrpcServer(o => o.MaxReceiveMessageSize = 8 * 1024 * 1024);

        // Cleartext gRPC is HTTP/2 with prior knowledge: with HTTP/1.1 also allowed Kestrel would only speak 1.1.
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(o => o.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
    }

    public static async Task MapDocumentServiceAsync(this WebApplication app)
    {
        await SchemaMigrator.MigrateAsync(app.Services.GetRequiredService<SqlDialect>(), app.Lifetime.ApplicationStopping);
        app.MapGrpcService<DocumentGrpcService>();
        app.MapGrpcHealthService();
        app.MapGrpcReflectionService();
    }

    private static SqlDialect CreateDialect(StorageOptions storage, ConfigurationManager configuration)
    {
        if (storage.Provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configuration.GetConnectionString("Documents")
                ?? throw new InvalidOperationException("Storage:Provider is postgres but ConnectionStrings:Documents is not set.");
            return new PostgresDialect(connectionString);
        }

        if (!storage.Provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Unknown Storage:Provider '{storage.Provider}'; use sqlite or postgres.");
        }

        var folder = storage.DataDirectory ?? configuration["PLATFORM_DATA_DIR"] ?? "data";
        Directory.CreateDirectory(folder);
        return new SqliteDialect(Path.Combine(folder, "documents.db"));
    }
}
