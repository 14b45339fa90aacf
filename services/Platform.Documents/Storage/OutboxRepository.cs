using Dapper;
using Platform.Storage;

namespace Platform.Documents.Storage;

/// <summary>
/// The outbox: claiming due entries, their retries, their completion, and the stage states they drive.
/// A claim is a lease: other replicas (and this one's next round) leave a leased entry alone while it is being
/// delivered; if the replica dies, the entry can be claimed again when the lease ends (at once after a restart on
/// SQLite, whose file only one process uses). Only a document's oldest entry can be claimed, so a "forget" never
/// overtakes the "extract" before it.
/// </summary>
public sealed class OutboxRepository(DocumentRepository documents)
{
    private const string EntryColumns = "id, document_id AS DocumentId, kind, content_sha256 AS ContentSha256, attempts, trace_parent AS TraceParent";

    /// <summary>Claims up to <paramref name="limit"/> due entries until <paramref name="leaseUntil"/>, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ClaimAsync(long now, long leaseUntil, int limit, CancellationToken cancellationToken)
    {
        // PostgreSQL: rows another replica is claiming at this moment are skipped rather than waited for.
        var skipLocked = documents.Dialect.IsSqlite ? "" : "FOR UPDATE SKIP LOCKED";
        await using var connection = await documents.OpenAsync(cancellationToken);
        var claimed = await connection.QueryAsync<OutboxEntry>(new CommandDefinition($"""
            UPDATE outbox SET lease_until = @leaseUntil
            WHERE id IN (
                SELECT o.id FROM outbox o
                WHERE o.next_attempt_time <= @now AND o.lease_until <= @now AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.document_id = o.document_id AND p.id < o.id)
                ORDER BY o.id LIMIT @limit {skipLocked})
            RETURNING {EntryColumns}
            """, new { now, leaseUntil, limit }, cancellationToken: cancellationToken));
        return [.. claimed.OrderBy(e => e.Id)];
    }

    /// <summary>Ends every lease: for a process that starts alone on its store (SQLite), whatever it had claimed died with it.</summary>
    public async Task ReleaseLeasesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await documents.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE outbox SET lease_until = 0 WHERE lease_until > 0", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// What a batch hand-off achieved, in one transaction: every document's stage states, and each entry completed
    /// (removed) or rescheduled for its retry.
    /// </summary>
    public async Task RecordAsync(IReadOnlyList<HandOffResult> results, long now, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return;
        }

        await using var connection = await documents.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var group in results.SelectMany(r => r.Stages.Select(s => (r.Entry.DocumentId, Stage: s))).GroupBy(x => x.Stage.Stage))
        {
            await connection.ExecuteAsync(new CommandDefinition(StageStatement(group.Key),
                group.Select(x => new { documentId = x.DocumentId, state = x.Stage.State, reason = x.Stage.Reason, attempts = x.Stage.Attempts, now }).ToList(), transaction, cancellationToken: cancellationToken));
        }

        var completed = results.Where(r => r.RetryAt is null).Select(r => r.Entry.Id).ToList();
        if (completed.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM outbox WHERE id = @id", completed.Select(id => new { id }).ToList(), transaction,
                cancellationToken: cancellationToken));
        }

        var retried = results.Where(r => r.RetryAt is not null)
            .Select(r => new { r.Entry.Id, Attempts = r.Entry.Attempts + 1, NextAttempt = r.RetryAt!.Value, r.Error }).ToList();
        if (retried.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox SET attempts = @Attempts, next_attempt_time = @NextAttempt, last_error = @Error, lease_until = 0 WHERE id = @Id", retried, transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string StageStatement(string stage) => stage is "entities" or "predictions"
        ? $"UPDATE documents SET {stage}_state = @state, {stage}_reason = @reason, {stage}_attempts = @attempts, {stage}_updated = @now WHERE id = @documentId"
        : throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage.");
}

/// <summary>A stage's new state on a document ("entities" or "predictions").</summary>
public sealed record StageUpdate(string Stage, int State, string Reason, int Attempts);

/// <summary>One entry's outcome: the stage states to record, and either completion (RetryAt null) or a retry.</summary>
public sealed record HandOffResult(OutboxEntry Entry, IReadOnlyList<StageUpdate> Stages, long? RetryAt = null, string Error = "");
