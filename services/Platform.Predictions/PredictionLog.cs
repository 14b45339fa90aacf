using Platform.Predictions.V1;

namespace Platform.Predictions;

/// <summary>The prediction service's log messages, with fixed event ids (the gRPC failures are logged by the service defaults).</summary>
internal static partial class PredictionLog
{
    // Per document at Debug: at hundreds of articles a second the batch line says enough.
    [LoggerMessage(1, LogLevel.Debug, "Document {DocumentId}: {Count} forecasts extracted and stored")]
    public static partial void ForecastsExtracted(ILogger logger, string documentId, int count);

    [LoggerMessage(4, LogLevel.Information, "Batch of {DocumentCount} documents extracted ({RefusedCount} refused): {Count} forecasts stored")]
    public static partial void BatchExtracted(ILogger logger, int documentCount, int refusedCount, int count);

    [LoggerMessage(5, LogLevel.Warning, "Write transaction failed on attempt {Attempt} and is run again: {Error}")]
    public static partial void TransactionRetried(ILogger logger, int attempt, string error);

    [LoggerMessage(2, LogLevel.Information, "Prediction {PredictionId} resolved {Outcome} by {Resolver}; scores updated")]
    public static partial void Resolved(ILogger logger, string predictionId, Outcome outcome, string resolver);

    [LoggerMessage(3, LogLevel.Information, "Document {DocumentId} forgotten: {Count} forecasts removed with their scores")]
    public static partial void DocumentForgotten(ILogger logger, string documentId, int count);
}
