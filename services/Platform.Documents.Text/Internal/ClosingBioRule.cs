using System.Text.RegularExpressions;

namespace Platform.Documents.Text.Internal;

/// <summary>
/// Finds the author in a closing bio line, one of the last paragraphs: "Jane Doe is a senior fellow at …",
/// "Dr Jane Doe is director of …", "Jane Doe and John Roe are researchers at …", "Jane Doe, a professor of …,
/// writes on …". The phrase after the verb must name a role within its first words, and the subject must look
/// like a person (<see cref="PersonNames"/>), so "Mosul is a city …" or "The minister is expected to …" do not match.
/// </summary>
internal static partial class ClosingBioRule
{
    private const int ParagraphsScanned = 3;
    private const int MaxParagraphLength = 400;

    // How far into the phrase after the verb the role noun may be: "is a visiting senior research fellow".
    private const int RoleWindow = 6;

    private static readonly HashSet<string> RoleNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "researcher", "analyst", "professor", "fellow", "journalist", "correspondent", "director", "consultant",
        "lecturer", "editor", "author", "writer", "academic", "scholar", "commentator", "columnist", "reporter",
        "economist", "historian", "scientist", "expert", "specialist", "adviser", "advisor", "chair", "chairman",
        "chairwoman", "founder", "co-founder", "cofounder", "head", "executive", "partner", "student", "phd",
        "lawyer", "diplomat", "ambassador", "contributor", "blogger", "novelist", "strategist", "teacher", "dean",
        "coordinator", "manager", "veteran", "broadcaster", "filmmaker", "photographer", "activist", "campaigner",
        "associate", "instructor", "investigator", "observer", "affiliate", "practitioner", "producer",
    };

    // Words that turn "X is …" into a statement about X rather than a description: "is expected to remain director".
    private static readonly HashSet<string> Blockers = new(StringComparer.OrdinalIgnoreCase)
    {
        "to", "not", "expected", "likely", "unlikely", "set", "going", "due", "said", "believed", "thought",
        "reported", "known", "being", "been", "about", "no", "never",
    };

    public static List<string> Find(IReadOnlyList<string> paragraphs)
    {
        for (var i = paragraphs.Count - 1; i >= Math.Max(0, paragraphs.Count - ParagraphsScanned); i--)
        {
            var names = Read(paragraphs[i]);
            if (names.Count > 0)
            {
                return names;
            }
        }

        return [];
    }

    private static List<string> Read(string paragraph)
    {
        if (paragraph.Length > MaxParagraphLength)
        {
            return [];
        }

        var text = Leader().Replace(paragraph.Replace('\n', ' '), string.Empty);

        // "Maria Lopez, a teacher at the village school, said …" closes many news reports: a quoted source, not
        // the author. Bio lines describe; they do not report speech.
        if (SpeechVerb().IsMatch(text))
        {
            return [];
        }

        var match = NameThenVerb().Match(text);
        if (!match.Success)
        {
            match = NameThenAppositive().Match(text);
        }

        if (!match.Success || !NamesRole(match.Groups["role"].Value))
        {
            return [];
        }

        var names = new List<string>();
        foreach (var part in And().Split(match.Groups["names"].Value))
        {
            if (!PersonNames.TryRead(part, out var name))
            {
                return [];
            }

            names.Add(name);
        }

        return names;
    }

    private static bool NamesRole(string phrase)
    {
        var clause = phrase.Split(',', ';')[0];
        var words = clause.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        foreach (var raw in words.Take(RoleWindow))
        {
            var word = raw.Trim('.', '"', '\'', '“', '”', '(', ')');
            if (Blockers.Contains(word))
            {
                return false;
            }

            // "senior fellows", "Middle East-based researcher", "co-founder".
            var last = word.Contains('-', StringComparison.Ordinal) && !RoleNouns.Contains(word) ? word[(word.LastIndexOf('-') + 1)..] : word;
            if (RoleNouns.Contains(last) || (last.EndsWith('s') && RoleNouns.Contains(last[..^1])))
            {
                return true;
            }
        }

        return false;
    }

    // Bullets, dashes and asterisks that set a bio line apart, and an "About the author:" label.
    [GeneratedRegex(@"^(?:[\s*_—–-]+|about the author\s*:?\s*)+", RegexOptions.IgnoreCase)]
    private static partial Regex Leader();

    [GeneratedRegex(@"^(?<names>[^,;:!?""“”()]{3,80}?)\s+(?:is|was|are|were|has\s+been|have\s+been)\s+(?<role>.+)$")]
    private static partial Regex NameThenVerb();

    [GeneratedRegex(@"^(?<names>[^,;:!?""“”()]{3,80}),\s+(?<role>(?:a|an|the|former)\s.+)$")]
    private static partial Regex NameThenAppositive();

    [GeneratedRegex(@"\b(?:said|says|told|tells|added|adds|warned|warns|argued|argues|explained|noted|insisted|claimed|predicted|according)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpeechVerb();

    [GeneratedRegex(@"\s+(?:and|&)\s+")]
    private static partial Regex And();
}
