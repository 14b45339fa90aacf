using System.Text.RegularExpressions;

namespace Platform.Predictions.Grpc;

/// <summary>The key terms of a text for evidence matching: its most frequent content words (lower case, 4+ letters).</summary>
internal static partial class EvidenceTerms
{
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "that", "this", "with", "from", "have", "will", "would", "could", "their", "there", "which", "were", "been", "they", "into", "more", "than",
        "said", "also", "after", "about", "over", "when", "what", "some", "other", "only", "most", "such", "many", "much", "these", "those", "while",
        "where", "them", "then", "year", "years", "because", "being", "under", "between", "against", "should", "might", "still", "even", "just",
    };

    [GeneratedRegex(@"\p{L}{4,}")]
    private static partial Regex Word();

    public static IEnumerable<string> Of(string text, int count = 60) =>
        Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => !Common.Contains(w))
            .GroupBy(w => w, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(count).Select(g => g.Key);
}
