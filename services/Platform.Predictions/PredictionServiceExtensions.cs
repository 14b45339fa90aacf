using Platform.Caching;
using Platform.Predictions.Extraction;
using Platform.Predictions.Grpc;
using Platform.Predictions.Storage;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Grpc;
using Platform.Storage;

namespace Platform.Predictions;

internal static class PredictionServiceExtensions
{
    /// <summary>Extractor, storage (SQLite by default, PostgreSQL by configuration), cache and gRPC.</summary>
    public static void AddPredictionService(this WebApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions<PredictionOptions>(PredictionOptions.SectionName);
        builder.Services.AddSingleton(new ForecastExtractor(ScaleOf(options), TimeSpan.FromDays(options.OpenEndedReviewDays)));
        builder.AddSqlStorage("Predictions");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PredictionRepository>();
        builder.Services.AddSingleton<PredictionWriter>();
        builder.Services.AddSingleton<ScoreRepository>();
        builder.Services.AddSingleton<ScoreboardReader>();
        builder.Services.AddSingleton<EvidenceRepository>();
        builder.AddPlatformCache();
        builder.AddGrpcServiceDefaults(o => o.MaxReceiveMessageSize = 8 * 1024 * 1024);
    }

    /// <summary>The default ICD 203 scale, or the configured one (a bad band name or value stops start-up, naming it).</summary>
    private static ProbabilityScale ScaleOf(PredictionOptions options)
    {
        if (options.ScaleProbabilities.Count == 0)
        {
            return ProbabilityScale.Default;
        }

        if (string.IsNullOrWhiteSpace(options.ScaleVersion) || options.ScaleVersion == ProbabilityScale.Default.Version)
        {
            throw new InvalidOperationException("Predictions:ScaleProbabilities changes the scale: give it a new Predictions:ScaleVersion.");
        }

        var table = ProbabilityScale.Default.Probabilities.ToDictionary();
        foreach (var (name, p) in options.ScaleProbabilities)
        {
            var band = Enum.GetValues<ProbabilityBand>().FirstOrDefault(b => string.Equals(PredictionExtractionGrpcService.BandName(b), name, StringComparison.OrdinalIgnoreCase), (ProbabilityBand)(-1));
            if ((int)band < 0)
            {
                throw new InvalidOperationException($"Predictions:ScaleProbabilities:{name} is not a band; use remote, very-unlikely, unlikely, even, may, likely, very-likely, will, certain.");
            }

            table[band] = p;
        }

        return new ProbabilityScale(options.ScaleVersion, table);
    }

    public static async Task MapPredictionServiceAsync(this WebApplication app)
    {
        var dialect = app.Services.GetRequiredService<SqlDialect>();
        await SchemaMigrator.MigrateAsync(dialect, PredictionSchema.Migrations(dialect), app.Lifetime.ApplicationStopping);
        app.MapGrpcService<PredictionExtractionGrpcService>();
        app.MapGrpcService<PredictionGrpcService>();
        app.MapGrpcServiceDefaults();
    }
}
