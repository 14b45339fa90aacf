namespace Platform.Entities.Recognition.Linking;

/// <summary>
/// Links a document's entities to canonical entities across documents:
///   1. a gazetteer entity is found by its canonical key, or created with all its gazetteer aliases;
///   2. otherwise each form the document used ("Haider al-Abadi", "Abadi") is looked up by key, the fullest
///      form first; the first form that names exactly one entity (or, for a bare surname, the oldest) links;
///   3. failing that, a person or organisation may be a transliteration variant of a known one: same
///      consonant skeleton and at most one or two edits apart ("Haidar al-Abadi" → "Haider al-Abadi");
///   4. failing that, a new entity is created;
/// and the forms seen are recorded as aliases, so that the next document finds the entity by any of them.
/// </summary>
public sealed class EntityLinker(IEntityCatalog catalog)
{
    /// <summary>The keys <see cref="LinkAsync"/> may look the entity up by (a catalog can fetch a batch's at once).</summary>
    public static IEnumerable<(EntityKind Kind, string Key)> KeysLookedUp(DocumentEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.Known is { } known)
        {
            yield return (entity.Kind, NameKey.Name(known.CanonicalName));
        }

        foreach (var form in entity.Forms)
        {
            yield return (entity.Kind, NameKey.Name(form));
        }
    }

    public async Task<CatalogEntity> LinkAsync(DocumentEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var observed = entity.Forms.Select(f => CatalogAlias.Of(f, "observed")).Where(a => a.Key.Length > 0).DistinctBy(a => a.Key).ToList();

        // 1.
        if (entity.Known is { } known)
        {
            var key = NameKey.Name(known.CanonicalName);
            var found = await catalog.FindByKeyAsync(entity.Kind, key, cancellationToken);
            var linked = found.Count > 0
                ? found[0]
                : await catalog.CreateAsync(entity.Kind, known.CanonicalName,
                    known.Aliases.Prepend(known.CanonicalName).Select(a => CatalogAlias.Of(a, "gazetteer")).DistinctBy(a => a.Key).ToList(), cancellationToken);
            await catalog.AddAliasesAsync(linked.Id, observed, cancellationToken);
            return linked;
        }

        // 2.
        var fullest = observed.OrderByDescending(a => a.Key.Count(c => c == ' ')).ThenByDescending(a => a.Key.Length).ToList();
        foreach (var alias in fullest)
        {
            var found = await catalog.FindByKeyAsync(entity.Kind, alias.Key, cancellationToken);
            if (found.Count == 1 || (found.Count > 1 && !alias.Key.Contains(' ', StringComparison.Ordinal)))
            {
                await catalog.AddAliasesAsync(found[0].Id, observed, cancellationToken);
                return found[0];
            }
        }

        // 3.
        var full = fullest[0].Key;
        if (entity.Kind is EntityKind.Person or EntityKind.Org && full.Length >= 6)
        {
            var limit = full.Length > 12 ? 2 : 1;
            foreach (var (candidate, candidateKey) in await catalog.FindBySkeletonAsync(entity.Kind, NameKey.Skeleton(full), cancellationToken))
            {
                if (candidateKey.Count(c => c == ' ') == full.Count(c => c == ' ') && NameKey.Distance(full, candidateKey, limit) <= limit)
                {
                    await catalog.AddAliasesAsync(candidate.Id, observed, cancellationToken);
                    return candidate;
                }
            }
        }

        // 4.
        return await catalog.CreateAsync(entity.Kind, entity.CanonicalName, observed, cancellationToken);
    }
}
