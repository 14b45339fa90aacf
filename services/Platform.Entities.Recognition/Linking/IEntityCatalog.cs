namespace Platform.Entities.Recognition.Linking;

/// <summary>
/// Where canonical entities live across documents: the service's database, or memory for offline runs.
/// Names are compared by <see cref="NameKey.Name"/> keys; every key recorded for an entity is one of its aliases.
/// </summary>
public interface IEntityCatalog
{
    /// <summary>Entities of the type with an alias whose key is exactly <paramref name="key"/>, oldest first.</summary>
    ValueTask<IReadOnlyList<CatalogEntity>> FindByKeyAsync(EntityKind kind, string key, CancellationToken cancellationToken);

    /// <summary>Aliases of the type whose key has this skeleton (<see cref="NameKey.Skeleton"/>), with their keys.</summary>
    ValueTask<IReadOnlyList<(CatalogEntity Entity, string Key)>> FindBySkeletonAsync(EntityKind kind, string skeleton, CancellationToken cancellationToken);

    /// <summary>Creates an entity with its first aliases; if another writer created one with the same canonical key meanwhile, returns that one.</summary>
    ValueTask<CatalogEntity> CreateAsync(EntityKind kind, string canonicalName, IReadOnlyCollection<CatalogAlias> aliases, CancellationToken cancellationToken);

    /// <summary>Records more aliases of an entity (ignoring ones it already has).</summary>
    ValueTask AddAliasesAsync(string entityId, IReadOnlyCollection<CatalogAlias> aliases, CancellationToken cancellationToken);
}

/// <summary>A canonical entity as the catalog knows it.</summary>
public sealed record CatalogEntity(string Id, EntityKind Kind, string CanonicalName);

/// <summary>A name of an entity; <paramref name="Source"/> says where it came from ("gazetteer", "observed", "editor").</summary>
public sealed record CatalogAlias(string Name, string Key, string Source)
{
    public static CatalogAlias Of(string name, string source) => new(name, NameKey.Name(name), source);
}
