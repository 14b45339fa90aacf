using System.Data.Common;
using Dapper;
using Platform.Entities.Recognition;
using Platform.Storage;

namespace Platform.Entities.Storage;

/// <summary>
/// The editor operations. Each runs in one transaction together with its entry in entity_edits (who, when,
/// what, why), so an edit is either fully applied and recorded or not at all.
/// </summary>
internal sealed class EditRepository(SqlDialect dialect)
{
    public async Task AddAliasAsync(string entityId, int kind, string alias, Editor editor, long now, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var key = NameKey.Name(alias);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO entity_aliases (entity_id, kind, name, name_key, skeleton, source) VALUES (@entityId, @kind, @alias, @key, @skeleton, 'editor')
            ON CONFLICT (entity_id, name_key) DO UPDATE SET source = 'editor', name = @alias
            """, new { entityId, kind, alias, key, skeleton = NameKey.Skeleton(key) }, transaction, cancellationToken: cancellationToken));
        await TouchAsync(connection, transaction, entityId, now, cancellationToken);
        await RecordAsync(connection, transaction, entityId, "add_alias", $"added the alias '{alias}'", editor, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Moves the sources' aliases and mentions to the target and marks them merged into it.</summary>
    public async Task MergeAsync(EntityRow target, IReadOnlyList<EntityRow> sources, Editor editor, long now, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var source in sources)
        {
            var parameters = new { target = target.Id, source = source.Id, kind = target.Kind, now };
            await Execute(connection, transaction, """
                INSERT INTO entity_aliases (entity_id, kind, name, name_key, skeleton, source)
                SELECT @target, @kind, name, name_key, skeleton, source FROM entity_aliases WHERE entity_id = @source
                ON CONFLICT (entity_id, name_key) DO NOTHING
                """, parameters, cancellationToken);
            await Execute(connection, transaction, "DELETE FROM entity_aliases WHERE entity_id = @source", parameters, cancellationToken);
            await Execute(connection, transaction, "UPDATE mentions SET entity_id = @target WHERE entity_id = @source", parameters, cancellationToken);
            await Execute(connection, transaction, "UPDATE entities SET merged_into = @target WHERE merged_into = @source", parameters, cancellationToken);
            await Execute(connection, transaction,
                "UPDATE entities SET merged_into = @target, mention_count = 0, document_count = 0, update_time = @now WHERE id = @source", parameters, cancellationToken);
            await RecordAsync(connection, transaction, source.Id, "merge", $"merged into {target.Id} ({target.CanonicalName})", editor, now, cancellationToken);
        }

        await RecountAsync(connection, transaction, target.Id, now, cancellationToken);
        var names = string.Join(", ", sources.Select(s => $"{s.Id} ({s.CanonicalName})"));
        await RecordAsync(connection, transaction, target.Id, "merge", $"merged {names} into this entity", editor, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Creates the new entity and moves the named aliases, and the mentions written with them, to it.</summary>
    public async Task<bool> SplitAsync(EntityRow original, string newId, string newName, int newKind, IReadOnlyCollection<string> aliasKeys,
        Editor editor, long now, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO entities (id, kind, canonical_name, name_key, merged_into, mention_count, document_count, create_time, update_time)
            VALUES (@newId, @newKind, @newName, @nameKey, NULL, 0, 0, @now, @now)
            ON CONFLICT (kind, name_key) WHERE merged_into IS NULL DO NOTHING
            """, new { newId, newKind, newName, nameKey = NameKey.Name(newName), now }, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var moved = (await connection.QueryAsync<AliasRow>(new CommandDefinition("""
            SELECT entity_id AS EntityId, name AS Name, name_key AS NameKey, source AS Source FROM entity_aliases WHERE entity_id = @id
            """, new { id = original.Id }, transaction, cancellationToken: cancellationToken))).Where(a => aliasKeys.Contains(a.NameKey)).ToList();
        foreach (var alias in moved)
        {
            var parameters = new { original = original.Id, newId, newKind, alias.NameKey };
            await Execute(connection, transaction, """
                UPDATE entity_aliases SET entity_id = @newId, kind = @newKind WHERE entity_id = @original AND name_key = @NameKey
                """, parameters, cancellationToken);
        }

        // Mentions follow the alias they were written with.
        var texts = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT text FROM mentions WHERE entity_id = @id", new { id = original.Id }, transaction, cancellationToken: cancellationToken));
        foreach (var text in texts.Where(t => aliasKeys.Contains(NameKey.Name(t))))
        {
            await Execute(connection, transaction, "UPDATE mentions SET entity_id = @newId WHERE entity_id = @original AND text = @text",
                new { newId, original = original.Id, text }, cancellationToken);
        }

        await RecountAsync(connection, transaction, original.Id, now, cancellationToken);
        await RecountAsync(connection, transaction, newId, now, cancellationToken);
        var list = string.Join(", ", moved.Select(a => $"'{a.Name}'"));
        await RecordAsync(connection, transaction, original.Id, "split", $"moved {list} to the new entity {newId} ({newName})", editor, now, cancellationToken);
        await RecordAsync(connection, transaction, newId, "split", $"split from {original.Id} ({original.CanonicalName}) with {list}", editor, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<EditRow>> ListAsync(string entityId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<EditRow>(new CommandDefinition("""
            SELECT id AS Id, entity_id AS EntityId, operation AS Operation, detail AS Detail, editor AS Editor, note AS Note, edit_time AS EditTime
            FROM entity_edits WHERE entity_id = @entityId ORDER BY id
            """, new { entityId }, cancellationToken: cancellationToken))];
    }

    private static async Task RecountAsync(DbConnection connection, DbTransaction transaction, string id, long now, CancellationToken cancellationToken) =>
        await Execute(connection, transaction, """
            UPDATE entities SET mention_count = (SELECT COUNT(*) FROM mentions WHERE entity_id = @id),
                document_count = (SELECT COUNT(DISTINCT document_id) FROM mentions WHERE entity_id = @id), update_time = @now
            WHERE id = @id
            """, new { id, now }, cancellationToken);

    private static async Task TouchAsync(DbConnection connection, DbTransaction transaction, string id, long now, CancellationToken cancellationToken) =>
        await Execute(connection, transaction, "UPDATE entities SET update_time = @now WHERE id = @id", new { id, now }, cancellationToken);

    private static async Task RecordAsync(DbConnection connection, DbTransaction transaction, string entityId, string operation, string detail,
        Editor editor, long now, CancellationToken cancellationToken) =>
        await Execute(connection, transaction, """
            INSERT INTO entity_edits (entity_id, operation, detail, editor, note, edit_time) VALUES (@entityId, @operation, @detail, @Identity, @Note, @now)
            """, new { entityId, operation, detail, editor.Identity, editor.Note, now }, cancellationToken);

    private static Task<int> Execute(DbConnection connection, DbTransaction transaction, string sql, object parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
}

/// <summary>Who made an edit (the caller's identity from the gateway) and why.</summary>
internal sealed record Editor(string Identity, string Note);
