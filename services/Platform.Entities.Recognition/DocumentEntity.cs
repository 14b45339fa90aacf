using Platform.Entities.Recognition.Lexicon;

namespace Platform.Entities.Recognition;

/// <summary>One entity of one document: its type, best name, and every mention of it in the text.</summary>
public sealed class DocumentEntity(EntityKind kind, string canonicalName, GazetteerEntity? known)
{
    public EntityKind Kind { get; internal set; } = kind;

    /// <summary>The gazetteer's canonical name, else the fullest form the document uses.</summary>
    public string CanonicalName { get; internal set; } = canonicalName;

    /// <summary>The gazetteer entry it was matched to, if any.</summary>
    public GazetteerEntity? Known { get; internal set; } = known;

    public List<RecognizedMention> Mentions { get; } = [];

    /// <summary>The forms of the name used in this document (canonical first), distinct.</summary>
    public IEnumerable<string> Forms =>
        Mentions.Select(m => m.Text).Prepend(CanonicalName).Distinct(StringComparer.Ordinal);
}

/// <summary>A span of the text that names an entity, by UTF-16 offsets [Start, End).</summary>
public sealed record RecognizedMention(int Start, int End, string Text);
