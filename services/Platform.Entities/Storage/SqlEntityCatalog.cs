using System.Data.Common;
using Dapper;
using Platform.Entities.Recognition;
using Platform.Entities.Recognition.Linking;
using Platform.Storage;

namespace Platform.Entities.Storage;

/// <summary>
/// The linker's catalog for one extraction transaction. Lookups run inside the transaction. New entities and
/// aliases are written inside it on SQLite (one writer at a time anyway), but on PostgreSQL on their own
/// connection, each committed at once (<paramref name="catalogWrites"/>): they are idempotent catalog entries, and
/// held to the end of a batch they made concurrent batches that create the same names in another order deadlock
/// on the unique indexes. A concurrent writer that creates the same entity first wins; this one then links to it
/// (the partial unique index on live (kind, name_key)). If the extraction then fails, the entity stays, without
/// mentions, and the retry links to it.
/// A batch's names are looked up together first (<see cref="PreloadAsync"/>): the linker's lookups of those keys are
/// then answered from memory, kept current with what this transaction creates and adds.
/// </summary>
internal sealed class SqlEntityCatalog(SqlDialect dialect, DbConnection connection, DbTransaction transaction, long now, DbConnection? catalogWrites = null) : IEntityCatalog
{
    private const string EntityColumns = "e.id AS Id, e.kind AS Kind, e.canonical_name AS CanonicalName";

    private const int KeysPerQuery = 500;

    private readonly HashSet<(string EntityId, string Key)> _storedAliases = [];

    // The live entities each preloaded (kind, key) names, oldest (lowest id) first; and every entity met, by id.
    private readonly Dictionary<(EntityKind Kind, string Key), List<CatalogEntity>> _byKey = [];
    private readonly Dictionary<string, CatalogEntity> _entities = new(StringComparer.Ordinal);

    public HashSet<string> Touched { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads, in one query per <see cref="KeysPerQuery"/> keys, every live entity with an alias of these keys, and
    /// which of those aliases exist (they are not written again).
    /// </summary>
    public async Task PreloadAsync(IEnumerable<(EntityKind Kind, string Key)> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.Where(k => k.Key.Length > 0 && _byKey.TryAdd(k, [])).Select(k => k.Key).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in wanted.Chunk(KeysPerQuery))
        {
            var rows = await connection.QueryAsync<AliasMatchRow>(new CommandDefinition($"""
                SELECT e.id AS Id, e.kind AS Kind, e.canonical_name AS CanonicalName, a.name_key AS NameKey FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
                WHERE {dialect.IsAnyOf("a.name_key", "@chunk")} AND e.merged_into IS NULL
                """, new { chunk }, transaction, cancellationToken: cancellationToken));
            foreach (var row in rows)
            {
                var entity = Remember(new CatalogEntity(row.Id, (EntityKind)row.Kind, row.CanonicalName));
                _storedAliases.Add((entity.Id, row.NameKey));
                Index(entity, row.NameKey);
            }
        }
    }

    public async ValueTask<IReadOnlyList<CatalogEntity>> FindByKeyAsync(EntityKind kind, string key, CancellationToken cancellationToken)
    {
        if (_byKey.TryGetValue((kind, key), out var known))
        {
            return [.. known];
        }

        var rows = await connection.QueryAsync<EntityRow>(new CommandDefinition($"""
            SELECT {EntityColumns} FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
            WHERE a.kind = @kind AND a.name_key = @key AND e.merged_into IS NULL ORDER BY e.id
            """, new { kind = (int)kind, key }, transaction, cancellationToken: cancellationToken));
        return [.. rows.Select(r => Remember(ToCatalog(r)))];
    }

    public async ValueTask<IReadOnlyList<(CatalogEntity Entity, string Key)>> FindBySkeletonAsync(EntityKind kind, string skeleton, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<AliasMatchRow>(new CommandDefinition("""
            SELECT e.id AS Id, e.kind AS Kind, e.canonical_name AS CanonicalName, a.name_key AS NameKey FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
            WHERE a.kind = @kind AND a.skeleton = @skeleton AND e.merged_into IS NULL ORDER BY e.id LIMIT 50
            """, new { kind = (int)kind, skeleton }, transaction, cancellationToken: cancellationToken));
        return [.. rows.Select(r => (Remember(new CatalogEntity(r.Id, (EntityKind)r.Kind, r.CanonicalName)), r.NameKey))];
    }

    public async ValueTask<CatalogEntity> CreateAsync(EntityKind kind, string canonicalName, IReadOnlyCollection<CatalogAlias> aliases, CancellationToken cancellationToken)
    {
        var id = EntityIds.New();
        var nameKey = NameKey.Name(canonicalName);
        var (writer, writeTransaction) = Writes;
        var inserted = await writer.ExecuteAsync(new CommandDefinition("""
            INSERT INTO entities (id, kind, canonical_name, name_key, merged_into, mention_count, document_count, create_time, update_time)
            VALUES (@id, @kind, @canonicalName, @nameKey, NULL, 0, 0, @now, @now)
            ON CONFLICT (kind, name_key) WHERE merged_into IS NULL DO NOTHING
            """, new { id, kind = (int)kind, canonicalName, nameKey, now }, writeTransaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            // Same canonical key already live (another document, or another replica a moment ago): link to it.
            id = await writer.QuerySingleAsync<string>(new CommandDefinition(
                "SELECT id FROM entities WHERE kind = @kind AND name_key = @nameKey AND merged_into IS NULL",
                new { kind = (int)kind, nameKey }, writeTransaction, cancellationToken: cancellationToken));
        }

        var entity = Remember(new CatalogEntity(id, kind, canonicalName));
        await AddAliasesAsync(id, [CatalogAlias.Of(canonicalName, aliases.FirstOrDefault()?.Source ?? "observed"), .. aliases], kind, cancellationToken);
        Touched.Add(id);
        return entity;
    }

    public ValueTask AddAliasesAsync(string entityId, IReadOnlyCollection<CatalogAlias> aliases, CancellationToken cancellationToken) =>
        AddAliasesAsync(entityId, aliases, null, cancellationToken);

    private async ValueTask AddAliasesAsync(string entityId, IReadOnlyCollection<CatalogAlias> aliases, EntityKind? kind, CancellationToken cancellationToken)
    {
        Touched.Add(entityId);
        // Aliases this transaction already stored are not sent again (a batch meets the same names over and over).
        var fresh = aliases.Where(a => a.Key.Length > 0).DistinctBy(a => a.Key).Where(a => _storedAliases.Add((entityId, a.Key))).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        kind ??= _entities.TryGetValue(entityId, out var known) ? known.Kind : (EntityKind)await connection.QuerySingleAsync<int>(new CommandDefinition(
            "SELECT kind FROM entities WHERE id = @entityId", new { entityId }, transaction, cancellationToken: cancellationToken));
        var (writer, writeTransaction) = Writes;
        await writer.ExecuteAsync(new CommandDefinition("""
            INSERT INTO entity_aliases (entity_id, kind, name, name_key, skeleton, source) VALUES (@entityId, @kind, @Name, @Key, @skeleton, @Source)
            ON CONFLICT (entity_id, name_key) DO NOTHING
            """, fresh.Select(alias => new { entityId, kind = (int)kind.Value, alias.Name, alias.Key, skeleton = NameKey.Skeleton(alias.Key), alias.Source }).ToList(),
            writeTransaction, cancellationToken: cancellationToken));
        if (_entities.TryGetValue(entityId, out var entity))
        {
            foreach (var alias in fresh)
            {
                Index(entity, alias.Key);
            }
        }
    }

    private CatalogEntity Remember(CatalogEntity entity) => _entities.TryAdd(entity.Id, entity) ? entity : _entities[entity.Id];

    /// <summary>A preloaded key now names the entity too (ids sort by creation: the list stays oldest first).</summary>
    private void Index(CatalogEntity entity, string key)
    {
        if (_byKey.TryGetValue((entity.Kind, key), out var list) && !list.Exists(e => e.Id == entity.Id))
        {
            var at = list.FindIndex(e => string.CompareOrdinal(e.Id, entity.Id) > 0);
            list.Insert(at < 0 ? list.Count : at, entity);
        }
    }

    private (DbConnection Connection, DbTransaction? Transaction) Writes => catalogWrites is null ? (connection, transaction) : (catalogWrites, null);

    private static CatalogEntity ToCatalog(EntityRow row) => new(row.Id, (EntityKind)row.Kind, row.CanonicalName);
}
