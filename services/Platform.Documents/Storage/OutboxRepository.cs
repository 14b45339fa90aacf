using Dapper;
using Platform.Storage;

namespace Platform.Documents.Storage;

/// <summary>The outbox: due entries, their retries, their completion, and the stage states they drive.</summary>
public sealed class OutboxRepository(DocumentRepository documents)
{
    public async Task<IReadOnlyList<OutboxEntry>> DueAsync(long now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await documents.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<OutboxEntry>("""
            SELECT id, document_id AS DocumentId, kind, content_sha256 AS ContentSha256, attempts, trace_parent AS TraceParent
            FROM outbox WHERE next_attempt_time <= @now ORDER BY id LIMIT @limit
            """, new { now, limit })];
    }

    public async Task CompleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await documents.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM outbox WHERE id = @id", new { id });
    }

    public async Task RescheduleAsync(long id, int attempts, long nextAttempt, string error, CancellationToken cancellationToken)
    {
        await using var connection = await documents.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE outbox SET attempts = @attempts, next_attempt_time = @nextAttempt, last_error = @error WHERE id = @id",
            new { id, attempts, nextAttempt, error });
    }

    /// <summary>Records a stage's state on the document (stage is "entities" or "predictions").</summary>
    public async Task SetStageAsync(string documentId, string stage, int state, string reason, int attempts, long now, CancellationToken cancellationToken)
    {
        if (stage is not ("entities" or "predictions"))
        {
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage.");
        }

        await using var connection = await documents.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            $"UPDATE documents SET {stage}_state = @state, {stage}_reason = @reason, {stage}_attempts = @attempts, {stage}_updated = @now WHERE id = @documentId",
            new { documentId, state, reason, attempts, now });
    }
}
