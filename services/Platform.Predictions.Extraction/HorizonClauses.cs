using System.Text.RegularExpressions;

namespace Platform.Predictions.Extraction;

/// <summary>
/// The further horizons of a forecast sentence that names several ("growth of 3.6% in 2004, slipping to 2.9% next
/// year before recovering to 3.1% in 2006"): each is a separately checkable forecast, so each later clause with a
/// horizon of its own, different from the sentence's first, becomes one more forecast with its own deadline.
/// </summary>
internal static partial class HorizonClauses
{
    [GeneratedRegex(@"\b(?:in|by|until|for|during)\s+(?:both\s+)?(?:19|20)\d\d(?:\s+and\s+(?:19|20)\d\d)?\b|\b(?:next|this)\s+year\b", RegexOptions.IgnoreCase)]
    private static partial Regex Anchor();

    [GeneratedRegex(@"(?:,\s*|\s+(?:and|but|before|while|with|then|followed by)\s+)(?=[^,]*$)", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseStart();

    /// <summary>The later clauses (offsets within the sentence) with their horizon and deadline.</summary>
    public static IEnumerable<(int Start, int End, string Horizon, DateOnly Deadline)> Find(string sentence, DateOnly published, DateOnly? first)
    {
        var anchors = Anchor().Matches(sentence);
        if (anchors.Count < 2)
        {
            yield break;
        }

        var seen = new HashSet<DateOnly>();
        if (first is { } main)
        {
            seen.Add(main);
        }

        var previousEnd = anchors[0].Index + anchors[0].Length;
        for (var k = 1; k < anchors.Count; k++)
        {
            var anchor = anchors[k];
            var (phrase, deadline) = HorizonReader.Read(anchor.Value, published);
            var between = sentence[previousEnd..anchor.Index];
            previousEnd = anchor.Index + anchor.Length;
            if (phrase is null || deadline is not { } due || due < published || !seen.Add(due) || !between.Any(char.IsDigit) && !HasVerb(between))
            {
                continue;
            }

            var boundary = ClauseStart().Match(between);
            var start = anchor.Index - between.Length + (boundary.Success ? boundary.Index + boundary.Length : 0);
            if (sentence[start..(anchor.Index + anchor.Length)].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4) // "but that next year" says nothing
            {
                yield return (start, anchor.Index + anchor.Length, phrase, due);
            }
        }
    }

    private static bool HasVerb(string text) => Regex.IsMatch(text, @"\b\w+(?:ing|ed|s)\b");
}
