using Platform.Caching;
using Platform.Contracts;
using Platform.Documents.Dispatch;
using Platform.Documents.Grpc;
using Platform.Documents.Ingestion;
using Platform.Documents.Storage;
using Platform.Entities.V1;
using Platform.Predictions.V1;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Grpc;
using Platform.Storage;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Platform.Documents;

internal static class DocumentServiceExtensions
{
    /// <summary>Storage (SQLite by default, PostgreSQL by configuration), cache, gRPC and the outbox dispatcher.</summary>
    public static void AddDocumentService(this WebApplicationBuilder builder)
    {
        builder.AddSqlStorage("Documents");
        builder.Services.AddSingleton<DocumentRepository>();
        builder.Services.AddSingleton<OutboxRepository>();
        var dispatch = builder.AddValidatedOptions<DispatchOptions>(DispatchOptions.SectionName);
        AddExtractionClient<EntityExtraction.EntityExtractionClient>(builder.Services, dispatch.EntitiesAddress, EntityExtraction.Descriptor);
        AddExtractionClient<PredictionExtraction.PredictionExtractionClient>(builder.Services, dispatch.PredictionsAddress, PredictionExtraction.Descriptor);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DocumentIngestor>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<ExtractHandOff>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.AddPlatformCache();
        builder.AddGrpcServiceDefaults(o => o.MaxReceiveMessageSize = 8 * 1024 * 1024);
    }

    /// <summary>A typed client for an extraction service when its address is configured; none otherwise.</summary>
    private static void AddExtractionClient<TClient>(IServiceCollection services, string? address, ServiceDescriptor descriptor)
        where TClient : class
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return;
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"Dispatch: '{address}' is not an http(s) address of an extraction service.");
        }

        services.AddGrpcClient<TClient>(o => o.Address = uri)
            .ConfigureChannel(c =>
            {
                IdempotentRetries.Apply(c, maxAttempts: 4, descriptor);
                c.MaxReceiveMessageSize = 32 * 1024 * 1024; // a batch's mentions can outgrow the 4 MB default
            });
    }

    public static async Task MapDocumentServiceAsync(this WebApplication app)
    {
        var dialect = app.Services.GetRequiredService<SqlDialect>();
        await SchemaMigrator.MigrateAsync(dialect, DocumentSchema.Migrations(dialect), app.Lifetime.ApplicationStopping);
        app.MapGrpcService<DocumentGrpcService>();
        app.MapGrpcServiceDefaults();
    }
}
