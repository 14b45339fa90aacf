namespace Platform.Entities.Recognition.Lexicon;

/// <summary>One line of a gazetteer file: an entity, its canonical name and its other names.</summary>
public sealed record GazetteerEntity(EntityKind Kind, string CanonicalName, IReadOnlyList<string> Aliases, string Source)
{
    /// <summary>Stable key of the entity: its type and canonical name key.</summary>
    public string Key => $"{Kind}:{NameKey.Name(CanonicalName)}";
}

/// <summary>A phrase of the gazetteer: the entity, and the exact token texts when the form must match case.</summary>
internal sealed record GazetteerForm(GazetteerEntity Entity, string[]? ExactTokens);
