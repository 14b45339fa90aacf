namespace Platform.Entities;

/// <summary>The entity service's log messages, with fixed event ids (the gRPC failures are logged by the service defaults).</summary>
internal static partial class EntityLog
{
    // Per document at Debug: at hundreds of articles a second the batch line below says enough.
    [LoggerMessage(1, LogLevel.Debug, "Document {DocumentId}: {MentionCount} mentions of {EntityCount} entities stored")]
    public static partial void EntitiesExtracted(ILogger logger, string documentId, int mentionCount, int entityCount);

    [LoggerMessage(2, LogLevel.Information, "Document {DocumentId} skipped: {Reason}")]
    public static partial void DocumentSkipped(ILogger logger, string documentId, string reason);

    [LoggerMessage(3, LogLevel.Information, "Document {DocumentId} forgotten: {EntityCount} entities touched")]
    public static partial void DocumentForgotten(ILogger logger, string documentId, int entityCount);

    [LoggerMessage(5, LogLevel.Information, "Batch of {DocumentCount} documents extracted ({RefusedCount} refused); {EntityCount} entities changed")]
    public static partial void BatchExtracted(ILogger logger, int documentCount, int refusedCount, int entityCount);

    [LoggerMessage(6, LogLevel.Warning, "Extraction transaction failed on attempt {Attempt} and is run again: {Error}")]
    public static partial void TransactionRetried(ILogger logger, int attempt, string error);

    [LoggerMessage(4, LogLevel.Information, "Entity edit {Edit} on {EntityId} by {Actor}")]
    public static partial void Edited(ILogger logger, string edit, string entityId, string actor);
}
