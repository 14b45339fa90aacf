using Platform.Caching;
using Platform.Grpc.Server;
using Platform.Grpc.Services;
using Platform.Predictions.Extraction;
using Platform.Predictions.Grpc;
using Platform.Predictions.Storage;
using Platform.Storage;

namespace Platform.Predictions;

internal static class PredictionServiceExtensions
{
    /// <summary>Extractor, storage (SQLite by default, PostgreSQL by configuration), cache and gRPC.</summary>
    public static void AddPredictionService(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PredictionOptions.SectionName).Get<PredictionOptions>() ?? new PredictionOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new ForecastExtractor(ProbabilityScale.Default, TimeSpan.FromDays(options.OpenEndedReviewDays)));
        builder.AddSqlStorage("Predictions");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PredictionRepository>();
        builder.Services.AddSingleton<PredictionWriter>();
        builder.Services.AddSingleton<ScoreRepository>();
        builder.Services.AddSingleton<ScoreboardReader>();
        builder.Services.AddSingleton<EvidenceRepository>();
        builder.AddPlatformCache();
        builder.Services.AddGrpcServer(o => o.MaxReceiveMessageSize = 8 * 1024 * 1024);
        builder.WebHost.UseHttp2Only();
    }

    public static async Task MapPredictionServiceAsync(this WebApplication app)
    {
        var dialect = app.Services.GetRequiredService<SqlDialect>();
        await SchemaMigrator.MigrateAsync(dialect, PredictionSchema.Migrations(dialect), app.Lifetime.ApplicationStopping);
        app.MapGrpcService<PredictionExtractionGrpcService>();
        app.MapGrpcService<PredictionGrpcService>();
        app.MapGrpcHealthService();
        app.MapGrpcReflectionService();
    }
}
