using Platform.Caching;
using Platform.Documents.Dispatch;
using Platform.Documents.Grpc;
using Platform.Documents.Ingestion;
using Platform.Documents.Storage;
using Platform.Grpc.Server;
using Platform.Grpc.Services;
using Platform.Storage;

namespace Platform.Documents;

internal static class DocumentServiceExtensions
{
    /// <summary>Storage (SQLite by default, PostgreSQL by configuration), cache, gRPC and the outbox dispatcher.</summary>
    public static void AddDocumentService(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.AddSqlStorage("Documents");
        builder.Services.AddSingleton<DocumentRepository>();
        builder.Services.AddSingleton<OutboxRepository>();
        builder.Services.AddSingleton(configuration.GetSection(IngestionOptions.SectionName).Get<IngestionOptions>() ?? new IngestionOptions());
        builder.Services.AddSingleton(configuration.GetSection(DispatchOptions.SectionName).Get<DispatchOptions>() ?? new DispatchOptions());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DocumentIngestor>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.AddPlatformCache();
        builder.Services.AddGrpcServer(o => o.MaxReceiveMessageSize = 8 * 1024 * 1024);

        builder.WebHost.UseHttp2Only();
    }

    public static async Task MapDocumentServiceAsync(this WebApplication app)
    {
        var dialect = app.Services.GetRequiredService<SqlDialect>();
        await SchemaMigrator.MigrateAsync(dialect, DocumentSchema.Migrations(dialect), app.Lifetime.ApplicationStopping);
        app.MapGrpcService<DocumentGrpcService>();
        app.MapGrpcHealthService();
        app.MapGrpcReflectionService();
    }
}
