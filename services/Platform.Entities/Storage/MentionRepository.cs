using System.Data.Common;
using Dapper;
using Platform.Entities.Extraction;
using Platform.Entities.Recognition;
using Platform.Storage;

namespace Platform.Entities.Storage;

/// <summary>Mentions by document and by entity, the extraction records, and the counts they drive.</summary>
internal sealed class MentionRepository(SqlDialect dialect)
{
    /// <summary>The extraction records of those of the documents that have one.</summary>
    public async Task<Dictionary<string, (string ContentSha256, string? SkippedReason)>> FindExtractionsAsync(IReadOnlyList<string> documentIds,
        CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ExtractionRow>(new CommandDefinition($"""
            SELECT document_id AS DocumentId, content_sha256 AS ContentSha256, skipped_reason AS SkippedReason FROM extracted_documents
            WHERE {dialect.IsAnyOf("document_id", "@documentIds")}
            """, new { documentIds = documentIds.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.DocumentId, r => (r.ContentSha256, r.SkippedReason.Length == 0 ? null : (string?)r.SkippedReason), StringComparer.Ordinal);
    }

    /// <summary>Those of the documents extracted before, inside a transaction (to forget their older version).</summary>
    public static async Task<IReadOnlyList<string>> ExtractedAsync(SqlDialect dialect, DbConnection connection, DbTransaction transaction,
        IReadOnlyList<string> documentIds, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<string>(new CommandDefinition($"SELECT document_id FROM extracted_documents WHERE {dialect.IsAnyOf("document_id", "@documentIds")}",
            new { documentIds = documentIds.ToArray() }, transaction, cancellationToken: cancellationToken))];

    public async Task<IReadOnlyList<StoredMention>> OfDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DocumentMentionRow>(new CommandDefinition("""
            SELECT m.entity_id AS EntityId, e.canonical_name AS CanonicalName, e.kind AS Kind, m.text AS Text, m.start_offset AS StartOffset, m.end_offset AS EndOffset
            FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.document_id = @documentId ORDER BY m.start_offset
            """, new { documentId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new StoredMention(r.EntityId, r.CanonicalName, (EntityKind)r.Kind, r.Text, r.StartOffset, r.EndOffset))];
    }

    /// <summary>
    /// An entity's mentions, newest document first, from the keyset position after (<paramref name="afterPublished"/>,
    /// <paramref name="afterDocument"/>, <paramref name="afterStart"/>).
    /// </summary>
    public async Task<IReadOnlyList<MentionRow>> OfEntityAsync(string entityId, string? documentId, (long Published, string Document, int Start)? after,
        int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var filter = documentId is null ? "" : " AND document_id = @documentId";
        var keyset = after is null ? "" : """
             AND (published_time < @published OR (published_time = @published AND (document_id < @document OR (document_id = @document AND start_offset > @start))))
            """;
        return [.. await connection.QueryAsync<MentionRow>(new CommandDefinition($"""
            SELECT document_id AS DocumentId, start_offset AS StartOffset, end_offset AS EndOffset, entity_id AS EntityId, text, published_time AS PublishedTime
            FROM mentions WHERE entity_id = @entityId{filter}{keyset}
            ORDER BY published_time DESC, document_id DESC, start_offset LIMIT @limit
            """, new { entityId, documentId, published = after?.Published, document = after?.Document, start = after?.Start, limit },
            cancellationToken: cancellationToken))];
    }

    public async Task<long> CountInDocumentAsync(string entityId, string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM mentions WHERE entity_id = @entityId AND document_id = @documentId", new { entityId, documentId }, cancellationToken: cancellationToken));
    }

    /// <summary>Forgets a document in its own transaction; returns the entities whose counts changed.</summary>
    public async Task<HashSet<string>> ForgetAsync(string documentId, long now, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var touched = await ForgetAsync(connection, transaction, documentId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return touched;
    }

    public static async Task<HashSet<string>> ForgetAsync(DbConnection connection, DbTransaction transaction, string documentId, long now, CancellationToken cancellationToken)
    {
        var counts = (await connection.QueryAsync<EntityCountRow>(new CommandDefinition(
            "SELECT entity_id AS EntityId, COUNT(*) AS Mentions FROM mentions WHERE document_id = @documentId GROUP BY entity_id",
            new { documentId }, transaction, cancellationToken: cancellationToken))).ToList();
        if (counts.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE entities SET mention_count = mention_count - @Mentions, document_count = document_count - 1, update_time = @now WHERE id = @EntityId
                """, counts.Select(count => new { count.EntityId, count.Mentions, now }).ToList(), transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM mentions WHERE document_id = @documentId", new { documentId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM extracted_documents WHERE document_id = @documentId", new { documentId }, transaction, cancellationToken: cancellationToken));
        return [.. counts.Select(c => c.EntityId)];
    }

    /// <summary>The mentions of several documents, as one parameter list (one prepared statement run once per mention).</summary>
    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<(string DocumentId, long PublishedTime, List<StoredMention> Mentions)> documents, CancellationToken cancellationToken)
    {
        var rows = documents.SelectMany(d => d.Mentions.Select(m => new { d.DocumentId, m.Start, m.End, m.EntityId, m.Text, d.PublishedTime })).ToList();
        if (rows.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO mentions (document_id, start_offset, end_offset, entity_id, text, published_time)
                VALUES (@DocumentId, @Start, @End, @EntityId, @Text, @PublishedTime)
                """, rows, transaction, cancellationToken: cancellationToken));
        }
    }
}

/// <summary>The mention and document counts a transaction adds to entities, applied at its end in entity-id order.</summary>
internal sealed class EntityCounts
{
    private readonly SortedDictionary<string, (int Mentions, int Documents)> _counts = new(StringComparer.Ordinal);

    public IEnumerable<string> Entities => _counts.Keys;

    public void Add(IReadOnlyList<StoredMention> documentMentions)
    {
        foreach (var group in documentMentions.GroupBy(m => m.EntityId, StringComparer.Ordinal))
        {
            var (mentions, documents) = _counts.GetValueOrDefault(group.Key);
            _counts[group.Key] = (mentions + group.Count(), documents + 1);
        }
    }

    public async Task ApplyAsync(DbConnection connection, DbTransaction transaction, long now, CancellationToken cancellationToken)
    {
        if (_counts.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE entities SET mention_count = mention_count + @mentions, document_count = document_count + @documents, update_time = @now WHERE id = @id
                """, _counts.Select(c => new { id = c.Key, mentions = c.Value.Mentions, documents = c.Value.Documents, now }).ToList(),
                transaction, cancellationToken: cancellationToken));
        }
    }
}
