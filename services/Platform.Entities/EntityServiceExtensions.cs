using Platform.Caching;
using Platform.Entities.Extraction;
using Platform.Entities.Grpc;
using Platform.Entities.Recognition;
using Platform.Entities.Recognition.Lexicon;
using Platform.Entities.Storage;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Grpc;
using Platform.Storage;

namespace Platform.Entities;

internal static class EntityServiceExtensions
{
    /// <summary>Recogniser (shipped gazetteers plus the user's), storage, cache and gRPC.</summary>
    public static void AddEntityService(this WebApplicationBuilder builder)
    {
        var recognition = builder.AddValidatedOptions<RecognitionOptions>(RecognitionOptions.SectionName);
        builder.Services.AddSingleton(_ => new EntityRecognizer(Lexicons.LoadWith(recognition.GazetteerDirectory)));
        builder.AddSqlStorage("Entities");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EntityRepository>();
        builder.Services.AddSingleton<MentionRepository>();
        builder.Services.AddSingleton<EditRepository>();
        builder.Services.AddSingleton<EntityExtractor>();
        builder.AddPlatformCache();
        builder.AddGrpcServiceDefaults(o => o.MaxReceiveMessageSize = 8 * 1024 * 1024);
    }

    public static async Task MapEntityServiceAsync(this WebApplication app)
    {
        var dialect = app.Services.GetRequiredService<SqlDialect>();
        await SchemaMigrator.MigrateAsync(dialect, EntitySchema.Migrations(dialect), app.Lifetime.ApplicationStopping);
        _ = app.Services.GetRequiredService<EntityRecognizer>(); // load the gazetteers now: a bad file stops start-up with its name and line
        app.MapGrpcService<EntityExtractionGrpcService>();
        app.MapGrpcService<EntityGrpcService>();
        app.MapGrpcServiceDefaults();
    }
}
