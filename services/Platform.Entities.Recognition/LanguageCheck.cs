using System.Collections.Frozen;
using System.Globalization;

namespace Platform.Entities.Recognition;

/// <summary>
/// The recogniser's rules are for English. A text whose letters are mostly outside the Latin script, or whose
/// words include almost none of the commonest English function words, is reported as not supported rather
/// than mined for capitalised words that mean nothing there.
/// </summary>
public static class LanguageCheck
{
    private static readonly FrozenSet<string> FunctionWords = FrozenSet.ToFrozenSet(
        ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "it", "at", "from", "are", "be", "has", "have", "will", "not", "this", "an", "its", "their", "but", "or", "were", "which", "would", "could"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when the text looks English (or is too short to tell), else the reason it is not supported.</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int latin = 0, other = 0;
        var scripts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            if (c < 0x250)
            {
                latin++;
            }
            else
            {
                other++;
                var script = ScriptOf(c);
                scripts[script] = scripts.GetValueOrDefault(script) + 1;
            }
        }

        if (other > 3 * latin && other >= 20)
        {
            var main = scripts.MaxBy(p => p.Value).Key;
            return $"language not supported: the text is mostly in {main} script and the recogniser reads English; nothing extracted";
        }

        int words = 0, function = 0;
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = word.Trim('.', ',', ';', ':', '"', '\'', '(', ')', '!', '?', '\u201C', '\u201D');
            if (trimmed.Length == 0 || !char.IsLetter(trimmed[0]))
            {
                continue;
            }

            words++;
            if (FunctionWords.Contains(trimmed))
            {
                function++;
            }
        }

        // English prose has 30–45 % function words from this list; other Latin-script languages well under 5 %.
        return words >= 30 && function * 100 < words * 6
            ? string.Create(CultureInfo.InvariantCulture, $"language not supported: only {function} of {words} words are common English words; the recogniser reads English; nothing extracted")
            : null;
    }

    private static string ScriptOf(char c) => c switch
    {
        >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFEFF' => "Arabic",
        >= '\u0400' and <= '\u04FF' => "Cyrillic",
        >= '\u0370' and <= '\u03FF' => "Greek",
        >= '\u0590' and <= '\u05FF' => "Hebrew",
        >= '\u0900' and <= '\u097F' => "Devanagari",
        >= '\u4E00' and <= '\u9FFF' or >= '\u3040' and <= '\u30FF' => "CJK",
        >= '\uAC00' and <= '\uD7AF' => "Hangul",
        _ => "non-Latin",
    };
}
