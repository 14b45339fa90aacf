using Platform.Entities.Recognition.Lexicon;

namespace Platform.Entities.Recognition.Internal;

/// <summary>A span of tokens [First, Last] that may name an entity, and what is known about it so far.</summary>
internal sealed class Candidate(int first, int last)
{
    public int First { get; set; } = first;

    public int Last { get; set; } = last;

    public int TokenCount => Last - First + 1;

    /// <summary>Null while the type is unknown (a lone capitalised word that only coreference can place).</summary>
    public EntityKind? Kind { get; set; }

    public GazetteerEntity? Known { get; set; }

    /// <summary>A title or role stands right before it ("Prime Minister", "Dr").</summary>
    public bool AfterTitle { get; set; }

    /// <summary>The acronym defined for it in parentheses right after it, if any.</summary>
    public int? AcronymToken { get; set; }

    public DocumentEntity? Entity { get; set; }
}
