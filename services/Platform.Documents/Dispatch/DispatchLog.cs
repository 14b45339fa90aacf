namespace Platform.Documents.Dispatch;

internal static partial class DispatchLog
{
    [LoggerMessage(1, LogLevel.Warning, "The entity service is not configured (Dispatch:EntitiesAddress); documents stay pending")]
    public static partial void NotConfigured(ILogger logger);

    [LoggerMessage(6, LogLevel.Warning, "The prediction service is not configured (Dispatch:PredictionsAddress); documents get their entities and wait for predictions")]
    public static partial void PredictionsNotConfigured(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "Batch of {Count} documents handed to extraction: {Finished} finished, {Retried} to retry")]
    public static partial void BatchDelivered(ILogger logger, int count, int finished, int retried);

    [LoggerMessage(3, LogLevel.Warning, "Hand-off of {DocumentId} ({Kind}) failed on attempt {Attempt}; retrying in {Delay}: {Error}")]
    public static partial void WillRetry(ILogger logger, string documentId, string kind, int attempt, TimeSpan delay, string error);

    [LoggerMessage(4, LogLevel.Error, "Hand-off of {DocumentId} was refused for good: {Error}")]
    public static partial void Refused(ILogger logger, string documentId, string error);

    [LoggerMessage(5, LogLevel.Error, "Outbox dispatch loop failed; continuing")]
    public static partial void LoopFailed(ILogger logger, Exception exception);
}
