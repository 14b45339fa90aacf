using System.Globalization;

namespace Platform.Entities.Recognition.Linking;

/// <summary>The catalog in memory: for the CLI's offline extraction and for evaluation. Not thread-safe.</summary>
public sealed class InMemoryEntityCatalog : IEntityCatalog
{
    private readonly Dictionary<(EntityKind, string), List<CatalogEntity>> _byKey = [];
    private readonly Dictionary<(EntityKind, string), List<(CatalogEntity, string)>> _bySkeleton = [];
    private readonly Dictionary<string, HashSet<string>> _keysOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CatalogEntity> _entities = new(StringComparer.Ordinal);
    private int _next;

    public IReadOnlyCollection<CatalogEntity> Entities => _entities.Values;

    public ValueTask<IReadOnlyList<CatalogEntity>> FindByKeyAsync(EntityKind kind, string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<CatalogEntity>>(_byKey.TryGetValue((kind, key), out var found) ? found : []);

    public ValueTask<IReadOnlyList<(CatalogEntity Entity, string Key)>> FindBySkeletonAsync(EntityKind kind, string skeleton, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<(CatalogEntity, string)>>(_bySkeleton.TryGetValue((kind, skeleton), out var found) ? found : []);

    public ValueTask<CatalogEntity> CreateAsync(EntityKind kind, string canonicalName, IReadOnlyCollection<CatalogAlias> aliases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        var entity = new CatalogEntity("ent_" + (++_next).ToString("D6", CultureInfo.InvariantCulture), kind, canonicalName);
        _entities[entity.Id] = entity;
        _keysOf[entity.Id] = new HashSet<string>(StringComparer.Ordinal);
        Add(entity, aliases.Prepend(CatalogAlias.Of(canonicalName, "observed")));
        return ValueTask.FromResult(entity);
    }

    public ValueTask AddAliasesAsync(string entityId, IReadOnlyCollection<CatalogAlias> aliases, CancellationToken cancellationToken)
    {
        Add(_entities[entityId], aliases);
        return ValueTask.CompletedTask;
    }

    private void Add(CatalogEntity entity, IEnumerable<CatalogAlias> aliases)
    {
        foreach (var alias in aliases)
        {
            if (alias.Key.Length == 0 || !_keysOf[entity.Id].Add(alias.Key))
            {
                continue;
            }

            Append(_byKey, (entity.Kind, alias.Key), entity);
            Append(_bySkeleton, (entity.Kind, NameKey.Skeleton(alias.Key)), (entity, alias.Key));
        }
    }

    private static void Append<TKey, TValue>(Dictionary<TKey, List<TValue>> index, TKey key, TValue value) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(value);
    }
}
