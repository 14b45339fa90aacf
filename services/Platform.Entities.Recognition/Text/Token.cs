namespace Platform.Entities.Recognition.Text;

/// <summary>A word or punctuation mark of the text, by UTF-16 offsets [Start, End).</summary>
internal readonly record struct Token(int Start, int End, TokenShape Shape, bool SentenceStart)
{
    public int Length => End - Start;

    public bool IsWord => Shape is not TokenShape.Punctuation;

    /// <summary>Starts with a capital letter (or is a name with a lower-case particle such as "al-Abadi").</summary>
    public bool IsCapitalised => Shape is TokenShape.Capitalised or TokenShape.AllCaps or TokenShape.ParticleName;

    public ReadOnlySpan<char> Text(string source) => source.AsSpan(Start, End - Start);
}

internal enum TokenShape
{
    Punctuation,
    Lower,
    /// <summary>Capital first letter, not all capitals ("Mosul", "McGurk", "Al").</summary>
    Capitalised,
    /// <summary>Two or more letters, all capitals, possibly dotted ("PMU", "U.S.", "ISIS-K").</summary>
    AllCaps,
    /// <summary>A lower-case particle joined to a capitalised name ("al-Abadi", "el-Sisi", "bin-Laden").</summary>
    ParticleName,
    Number,
}
