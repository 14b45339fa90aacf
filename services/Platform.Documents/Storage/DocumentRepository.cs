using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Dapper;
using Platform.Storage;

namespace Platform.Documents.Storage;

/// <summary>
/// The document tables. A new document, its author index and its outbox entry are written in one transaction,
/// so a crash can never leave a stored document without its hand-off to extraction (or the reverse).
/// </summary>
public sealed class DocumentRepository(SqlDialect dialect)
{
    private const string Columns = """
        id, title, body, authors, author_rule AS AuthorRule, outlet, url, language, published_time AS PublishedTime,
        ingested_time AS IngestedTime, update_time AS UpdateTime, content_sha256 AS ContentSha256, request_id AS RequestId,
        labels, entities_state AS EntitiesState, entities_reason AS EntitiesReason, entities_attempts AS EntitiesAttempts,
        entities_updated AS EntitiesUpdated, predictions_state AS PredictionsState, predictions_reason AS PredictionsReason,
        predictions_attempts AS PredictionsAttempts, predictions_updated AS PredictionsUpdated
        """;

    public SqlDialect Dialect => dialect;

    /// <summary>Inserts the document; if the same content or request id is already stored, returns that one instead.</summary>
    public async Task<(DocumentRow Row, bool Created)> InsertAsync(DocumentRow row, IReadOnlyList<string> authorKeys, CancellationToken cancellationToken)
    {
        if (await FindExistingAsync(row, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync("""
                INSERT INTO documents (id, title, body, authors, author_rule, outlet, url, language, published_time, ingested_time,
                    update_time, content_sha256, request_id, labels, entities_state, entities_reason, entities_attempts, entities_updated,
                    predictions_state, predictions_reason, predictions_attempts, predictions_updated)
                VALUES (@Id, @Title, @Body, @Authors, @AuthorRule, @Outlet, @Url, @Language, @PublishedTime, @IngestedTime,
                    @UpdateTime, @ContentSha256, @RequestId, @Labels, @EntitiesState, @EntitiesReason, @EntitiesAttempts, @EntitiesUpdated,
                    @PredictionsState, @PredictionsReason, @PredictionsAttempts, @PredictionsUpdated)
                """, row, transaction);
            foreach (var key in authorKeys.Distinct(StringComparer.Ordinal))
            {
                await connection.ExecuteAsync("INSERT INTO document_authors (document_id, author_key) VALUES (@id, @key)",
                    new { id = row.Id, key }, transaction);
            }

            await connection.ExecuteAsync("""
                INSERT INTO outbox (document_id, kind, content_sha256, created_time, next_attempt_time, attempts, last_error, trace_parent)
                VALUES (@Id, 'extract', @ContentSha256, @IngestedTime, @IngestedTime, 0, '', @TraceParent)
                """, new { row.Id, row.ContentSha256, row.IngestedTime, TraceParent = CurrentTraceParent() }, transaction);
            await transaction.CommitAsync(cancellationToken);
            return (row, true);
        }
        catch (DbException e) when (dialect.IsUniqueViolation(e))
        {
            // A concurrent ingest of the same content (or request id) won the race: answer with its document.
            await transaction.RollbackAsync(CancellationToken.None);
            return (await FindExistingAsync(row, cancellationToken) ?? throw new InvalidOperationException("Duplicate reported but not found.", e), false);
        }
    }

    public async Task<DocumentRow?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DocumentRow>($"SELECT {Columns} FROM documents WHERE id = @id", new { id });
    }

    public async Task<IReadOnlyList<DocumentRow>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var parameters = new DynamicParameters();
        var names = ids.Select((id, i) => { parameters.Add("id" + i, id); return "@id" + i; });
        return [.. await connection.QueryAsync<DocumentRow>($"SELECT {Columns} FROM documents WHERE id IN ({string.Join(", ", names)})", parameters)];
    }

    /// <summary>Newest first by id (ids are time-ordered); keyset pagination from <see cref="DocumentQuery.BeforeId"/>.</summary>
    public async Task<IReadOnlyList<DocumentRow>> ListAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM documents d WHERE 1 = 1");
        var parameters = new DynamicParameters();
        if (query.BeforeId is not null)
        {
            sql.Append(" AND d.id < @beforeId");
            parameters.Add("beforeId", query.BeforeId);
        }

        if (query.AuthorKey is not null)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM document_authors a WHERE a.document_id = d.id AND a.author_key = @author)");
            parameters.Add("author", query.AuthorKey);
        }

        if (query.Outlet is not null)
        {
            sql.Append(" AND lower(d.outlet) = lower(@outlet)");
            parameters.Add("outlet", query.Outlet);
        }

        if (query.PublishedAfter is not null)
        {
            sql.Append(" AND d.published_time >= @after");
            parameters.Add("after", query.PublishedAfter);
        }

        if (query.PublishedBefore is not null)
        {
            sql.Append(" AND d.published_time < @before");
            parameters.Add("before", query.PublishedBefore);
        }

        for (var i = 0; i < query.Words.Count; i++)
        {
            // The words are matched as typed: LIKE's own wildcards in them (%, _) are escaped.
            sql.Append($" AND (lower(d.title) LIKE @w{i} ESCAPE '!' OR lower(d.body) LIKE @w{i} ESCAPE '!')");
            parameters.Add("w" + i, "%" + EscapeLike(query.Words[i].ToLowerInvariant()) + "%");
        }

        if (query.StageState is { } state)
        {
            sql.Append(" AND (d.entities_state = @state OR d.predictions_state = @state)");
            parameters.Add("state", state);
        }

        sql.Append(" ORDER BY d.id DESC LIMIT @limit");
        parameters.Add("limit", query.Limit);
        await using var connection = await OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<DocumentRow>(sql.ToString(), parameters)];
    }

    /// <summary>Writes the metadata columns of <paramref name="row"/> (and its author index); false if it no longer exists.</summary>
    public async Task<bool> UpdateMetadataAsync(DocumentRow row, IReadOnlyList<string> authorKeys, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync("""
            UPDATE documents SET title = @Title, authors = @Authors, author_rule = @AuthorRule, outlet = @Outlet, url = @Url,
                language = @Language, published_time = @PublishedTime, labels = @Labels, update_time = @UpdateTime
            WHERE id = @Id
            """, row, transaction);
        if (changed == 0)
        {
            return false;
        }

        await connection.ExecuteAsync("DELETE FROM document_authors WHERE document_id = @Id", row, transaction);
        foreach (var key in authorKeys.Distinct(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync("INSERT INTO document_authors (document_id, author_key) VALUES (@id, @key)", new { id = row.Id, key }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Deletes the document and queues, in the same transaction, the request that the other services forget it.</summary>
    /// <summary>The W3C traceparent of the operation writing an outbox entry, for the dispatcher to continue its trace.</summary>
    private static string EscapeLike(string word) =>
        word.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal);

    private static string CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : "";

    public async Task<bool> DeleteAsync(string id, long now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM document_authors WHERE document_id = @id", new { id }, transaction);
        var deleted = await connection.ExecuteAsync("DELETE FROM documents WHERE id = @id", new { id }, transaction);
        if (deleted > 0)
        {
            await connection.ExecuteAsync("DELETE FROM outbox WHERE document_id = @id", new { id }, transaction);
            await connection.ExecuteAsync(
                "INSERT INTO outbox (document_id, kind, content_sha256, created_time, next_attempt_time, attempts, last_error, trace_parent) VALUES (@id, 'forget', '', @now, @now, 0, '', @traceParent)",
                new { id, now, traceParent = CurrentTraceParent() }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted > 0;
    }

    private async Task<DocumentRow?> FindExistingAsync(DocumentRow row, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<DocumentRow>(
            $"SELECT {Columns} FROM documents WHERE content_sha256 = @ContentSha256 OR (request_id IS NOT NULL AND request_id = @RequestId)", row);
    }

    internal async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
