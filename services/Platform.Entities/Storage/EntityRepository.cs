using Dapper;
using Platform.Entities.Recognition;
using Platform.Storage;

namespace Platform.Entities.Storage;

/// <summary>Reading entities: by id (following merges), listing by type and name prefix, alias-aware search.</summary>
internal sealed class EntityRepository(SqlDialect dialect)
{
    private const string Columns = """
        id AS Id, kind AS Kind, canonical_name AS CanonicalName, merged_into AS MergedInto, mention_count AS MentionCount,
        document_count AS DocumentCount, create_time AS CreateTime, update_time AS UpdateTime
        """;

    /// <summary>The entity, or the entity it was merged into (followed to the end of the chain).</summary>
    public async Task<EntityRow?> GetLiveAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        for (var hops = 0; hops < 16; hops++)
        {
            var row = await connection.QuerySingleOrDefaultAsync<EntityRow>(new CommandDefinition(
                $"SELECT {Columns} FROM entities WHERE id = @id", new { id }, cancellationToken: cancellationToken));
            if (row?.MergedInto is null)
            {
                return row;
            }

            id = row.MergedInto;
        }

        return null;
    }

    public async Task<IReadOnlyList<AliasRow>> AliasesAsync(string entityId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<AliasRow>(new CommandDefinition("""
            SELECT entity_id AS EntityId, name AS Name, name_key AS NameKey, source AS Source FROM entity_aliases WHERE entity_id = @entityId ORDER BY name
            """, new { entityId }, cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<string>> MergedIdsAsync(string entityId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM entities WHERE merged_into = @entityId ORDER BY id", new { entityId }, cancellationToken: cancellationToken))];
    }

    /// <summary>Live entities, most mentioned first; keyset pagination after (<paramref name="afterCount"/>, <paramref name="afterId"/>).</summary>
    public async Task<IReadOnlyList<EntityRow>> ListAsync(EntityKind? kind, string namePrefixKey, (long Count, string Id)? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var where = "merged_into IS NULL";
        if (kind is not null)
        {
            where += " AND kind = @kind";
        }

        if (namePrefixKey.Length > 0)
        {
            where += " AND name_key >= @prefix AND name_key < @prefixEnd"; // a range, so the prefix needs no LIKE escaping
        }

        if (after is not null)
        {
            where += " AND (mention_count < @afterCount OR (mention_count = @afterCount AND id > @afterId))";
        }

        return [.. await connection.QueryAsync<EntityRow>(new CommandDefinition(
            $"SELECT {Columns} FROM entities WHERE {where} ORDER BY mention_count DESC, id LIMIT @limit",
            new { kind = (int?)kind, prefix = namePrefixKey, prefixEnd = namePrefixKey + "\uffff", afterCount = after?.Count, afterId = after?.Id, limit },
            cancellationToken: cancellationToken))];
    }

    /// <summary>Aliases whose key equals, starts with, or shares the skeleton of the query's key; scored by the caller.</summary>
    public async Task<IReadOnlyList<AliasMatchRow>> SearchAliasesAsync(string key, string skeleton, EntityKind? kind, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var kindFilter = kind is null ? "" : " AND a.kind = @kind";
        return [.. await connection.QueryAsync<AliasMatchRow>(new CommandDefinition($"""
            SELECT e.id AS Id, e.kind AS Kind, e.canonical_name AS CanonicalName, a.name_key AS NameKey, a.name AS Name
            FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
            WHERE e.merged_into IS NULL{kindFilter}
              AND ((a.name_key >= @key AND a.name_key < @keyEnd) OR a.skeleton = @skeleton OR a.name_key LIKE @word ESCAPE '!')
            ORDER BY e.mention_count DESC LIMIT 400
            """, new { key, keyEnd = key + "\uffff", skeleton, word = "% " + Escape(key) + "%", kind = (int?)kind }, cancellationToken: cancellationToken))];
    }

    private static string Escape(string value) => value.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal);
}
