using System.Text.RegularExpressions;
using Platform.Entities.Recognition;

namespace Platform.Predictions.Extraction;

/// <summary>
/// Names the speaker of a reporting frame within one article, and remembers the last one named:
///   1. a pronoun or a stand-in ("it", "the report", "the company") is the last speaker of that kind;
///   2. an entity mention inside the phrase is named by its fullest form in the article ("Mr Balls" → "Ed Balls");
///   3. an unnamed group ("analysts", "independent forecasters") is kept as the text says it;
///   4. else the phrase's last capitalised run ("GM chief executive Rick Waggoner" → "Rick Waggoner");
///   5. an acronym is spelt out when the article spells it ("UNECE" → "United Nations Economic Commission for Europe").
/// A phrase that is none of these (a time, "the figures") names nobody.
/// </summary>
internal sealed partial class SpeakerNames
{
    private readonly string body;
    private readonly IReadOnlyList<MentionInput> mentions;
    private readonly Dictionary<string, string> fullNames;
    private readonly Dictionary<string, string?> acronyms = new(StringComparer.Ordinal);
    private string? lastPerson;
    private string? lastOrganisation;

    public SpeakerNames(string body, IReadOnlyList<MentionInput> mentions)
    {
        this.body = body;
        this.mentions = mentions;
        fullNames = mentions.GroupBy(m => m.EntityId).ToDictionary(g => g.Key, g =>
        {
            var fullest = g.MaxBy(m => (m.End - m.Start, -m.Start))!;
            return body[fullest.Start..fullest.End];
        }, StringComparer.Ordinal);
    }

    /// <summary>The last speaker named, person or organisation.</summary>
    public string? Last { get; private set; }

    [GeneratedRegex(@"^(?:he|she|his|her)$", RegexOptions.IgnoreCase)]
    private static partial Regex PersonPronoun();

    [GeneratedRegex(@"^(?:it|they|its|this|the (?-i:[a-z][\w-]* ){0,3}(?:think tank|think-tank|report|study|survey|organisation|organization|company|firm|group|bank|institute|fund|body|agency|think-tank|think tank|carmaker|insurer|research|paper|forecast|review))$", RegexOptions.IgnoreCase)]
    private static partial Regex StandIn();

    [GeneratedRegex(@"^(?:(?:the|some|many|most|other|several|independent|leading|city|market|financial|industry|private|senior|many other|a number of|two|three)\s+){0,3}(?:[a-z-]+\s+)?(?:analysts?|economists?|critics|supporters|optimists|pessimists|homeowners|pundits|forecasters|experts|observers|investors|traders|insiders|sources|commentators|officials|opponents|campaigners|scientists|researchers|markets|bookmakers|bookies|others|rumours|speculation|suggestions|government|ministers|the government)$", RegexOptions.IgnoreCase)]
    private static partial Regex Group();

    [GeneratedRegex(@"(?<![\w&])(?:[A-Z][\w'’&.\-]*|&)(?:\s+(?:(?:of|for|and|the|de|von|van|al-)\s+)*(?:[A-Z][\w'’&.\-]*|&))*")]
    private static partial Regex CapitalisedRun();

    [GeneratedRegex(@"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|The|A|An|On|In|At|By|For|But|And|So)\.?\s+")]
    private static partial Regex LeadingTitle();

    [GeneratedRegex(@"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Today|Yesterday|Tomorrow|I|We|It|This|That|There|They|He|She|BBC|News)$")]
    private static partial Regex NotASpeaker();

    /// <summary>The speaker named by the phrase at body offset <paramref name="start"/>, or null; remembered as the last speaker.</summary>
    public string? Resolve(int start, string phrase)
    {
        var np = phrase.Trim().Trim(',', '"', '\u201C', '\u201D', ' ');
        if (np.Length == 0 || np.Split(' ').Length > 12)
        {
            return null;
        }

        // 1.
        if (PersonPronoun().IsMatch(np))
        {
            return lastPerson ?? Nearest(start, EntityKind.Person) ?? Last;
        }

        if (StandIn().IsMatch(np))
        {
            return lastOrganisation ?? Nearest(start, EntityKind.Org) ?? Last;
        }

        // 2.
        var inside = mentions.Where(m => m.Start >= start && m.End <= start + phrase.Length && m.Kind is EntityKind.Person or EntityKind.Org).ToList();
        if ((inside.LastOrDefault(m => m.Kind == EntityKind.Person) ?? inside.LastOrDefault()) is { } mention)
        {
            return Remember(Expand(fullNames.GetValueOrDefault(mention.EntityId, mention.CanonicalName)), mention.Kind == EntityKind.Person);
        }

        // 3.
        if (Group().IsMatch(np))
        {
            return np;
        }

        // 4.
        var runs = CapitalisedRun().Matches(np);
        if (runs.Count == 0)
        {
            return null;
        }

        var name = LeadingTitle().Replace(runs[^1].Value, "").Trim();
        if (name.Length < 2 || NotASpeaker().IsMatch(name))
        {
            return null;
        }

        var person = mentions.FirstOrDefault(m => m.Kind == EntityKind.Person && fullNames.TryGetValue(m.EntityId, out var full)
            && full.EndsWith(' ' + name, StringComparison.Ordinal));
        return person is not null ? Remember(fullNames[person.EntityId], true) : Remember(Expand(name), name.Contains(' ', StringComparison.Ordinal) && !IsAcronym(name));
    }

    /// <summary>The fullest name of the last person or organisation mentioned before <paramref name="position"/>.</summary>
    private string? Nearest(int position, EntityKind kind) =>
        mentions.LastOrDefault(m => m.Kind == kind && m.End <= position) is { } mention ? Expand(fullNames.GetValueOrDefault(mention.EntityId, mention.CanonicalName)) : null;

    private string Remember(string name, bool person)
    {
        Last = name;
        if (person)
        {
            lastPerson = name;
        }
        else
        {
            lastOrganisation = name;
        }

        return name;
    }

    // 5.
    private string Expand(string name)
    {
        if (!IsAcronym(name))
        {
            return name;
        }

        if (!acronyms.TryGetValue(name, out var full))
        {
            full = SpelledOut(name);
            acronyms[name] = full;
        }

        return full ?? name;
    }

    private string? SpelledOut(string acronym)
    {
        var letters = acronym.Where(char.IsUpper).Select(c => $"{c}[\\w'’\\-]*").ToArray();
        var pattern = @"\b" + string.Join(@"\s+(?:(?:of|for|and|the|on|&)\s+)*", letters) + @"\b";
        return Regex.Match(body, pattern) is { Success: true } match && !FunctionWord().IsMatch(match.Value) ? match.Value : null;
    }

    [GeneratedRegex(@"^(?:But|The|And|In|It|They|This|That|He|She|We|On|At|If|As|For|A)\b")]
    private static partial Regex FunctionWord();

    private static bool IsAcronym(string name) => name.Length is >= 2 and <= 7 && name.Count(char.IsUpper) >= 2 && !name.Contains(' ', StringComparison.Ordinal);
}
