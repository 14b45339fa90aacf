using System.Text.RegularExpressions;

namespace Platform.Predictions.Extraction;

/// <summary>
/// Turns a forecast sentence into its parts: the condition ("Should the offensive stall", "once Mosul falls")
/// and a checkable claim — the reported clause without its frame ("X warned that"), hedges or condition, with
/// the modal read as "will" ("one million people could be displaced" → "one million people will be displaced").
/// Two claims are the same when their content words overlap by 70 % or more.
/// </summary>
internal static partial class ClaimBuilder
{
    [GeneratedRegex(@"^\W*(?<condition>(?:if|should|once|unless|were|as long as|until|provided(?: that)?|in case)\b[^,;]{3,}?),\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingCondition();

    [GeneratedRegex(@",?\s+(?<condition>(?:if|once|unless|as long as|so long as|provided(?: that)?)\b[^,;]{3,}?)(?=[.,;!]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingCondition();

    [GeneratedRegex(@"^.*?\b(?:said|says|warned|warns|predicted|predicts|vowed|vows|told \w+(?: \w+)?|believes|believed|argued|argues|thinks|estimated|estimates|claimed|insisted|cautioned|promised|pledged|threatened|expects|expected|suggested|noted|wrote|added|according to [^,]+,)\s+(?:that\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex Frame();

    [GeneratedRegex(@",?\s+(?:he|she|they|it|the \w+|[A-Z][\w'\-]+(?: [A-Z][\w'\-]+){0,3})\s+(?:said|says|warned|added|predicted|argued|wrote|noted)\.?\s*$")]
    private static partial Regex TrailingFrame();

    [GeneratedRegex(@"\b(?:almost certainly|certainly|very likely|highly likely|most likely|likely|probably|possibly|perhaps|surely|inevitably|in all likelihood|undoubtedly)\b\s*", RegexOptions.IgnoreCase)]
    private static partial Regex HedgeWords();

    [GeneratedRegex(@"\b(?:(?:could|may|might) well|could|may|might|would|shall|is (?:set|expected|poised|bound|certain|sure|going|unlikely|likely) to|are (?:set|expected|poised|bound|certain|sure|going|unlikely|likely) to|threatens to|threaten to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Modal();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "of", "to", "in", "on", "and", "or", "will", "be", "is", "are", "that", "it", "its", "for", "by", "with", "as", "at", "not",
    };

    public static (string Claim, string? Condition) Build(string sentence)
    {
        var text = sentence.Trim().Trim('"', '\u201C', '\u201D');
        string? condition = null;
        if (LeadingCondition().Match(text) is { Success: true } leading)
        {
            condition = leading.Groups["condition"].Value.Trim();
            text = text[(leading.Index + leading.Length)..];
        }

        text = TrailingFrame().Replace(text, "");
        text = Frame().Replace(text, "", 1);
        if (condition is null && TrailingCondition().Match(text) is { Success: true } trailing)
        {
            condition = trailing.Groups["condition"].Value.Trim();
            text = text[..trailing.Index] + text[(trailing.Index + trailing.Length)..];
        }

        text = HedgeWords().Replace(text, "");
        text = Modal().Replace(text, "will", 1);
        text = text.Trim().TrimEnd('.', '!', ',', ';', '"', '\u201D', ' ').TrimStart('"', '\u201C', ' ');
        return (text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text, condition);
    }

    public static bool SameClaim(string a, string b) => SameWords(Words(a), Words(b));

    /// <summary>The same test on word sets computed once (<see cref="Words"/>), for comparing a claim with many.</summary>
    public static bool SameWords(HashSet<string> left, HashSet<string> right)
    {
        if (left.Count == 0 || right.Count == 0)
        {
            return false;
        }

        var shared = left.Count(right.Contains);
        return shared >= 0.7 * Math.Max(left.Count, right.Count);
    }

    public static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>();
        var stopWords = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var range in NonWord().EnumerateSplits(text))
        {
            var word = text.AsSpan(range);
            if (word.Length > 0 && !stopWords.Contains(word))
            {
                words.Add(word.ToString().ToLowerInvariant());
            }
        }

        return words;
    }
}
