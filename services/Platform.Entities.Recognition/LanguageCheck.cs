using System.Buffers;
using System.Globalization;
using System.Text;

namespace Platform.Entities.Recognition;

/// <summary>
/// The recogniser's rules are for English. A text whose letters are mostly outside the Latin script, or whose
/// words include almost none of the commonest English function words, is reported as not supported rather
/// than mined for capitalised words that mean nothing there.
/// </summary>
public static class LanguageCheck
{
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

        // The words between white space, without surrounding punctuation; spans, not one string per word.
        int words = 0, function = 0;
        var rest = text.AsSpan();
        for (var word = NextWord(ref rest); !word.IsEmpty; word = NextWord(ref rest))
        {
            var trimmed = word.Trim(WordPunctuation);
            if (trimmed.Length == 0 || !char.IsLetter(trimmed[0]))
            {
                continue;
            }

            words++;
            if (IsFunctionWord(trimmed))
            {
                function++;
            }
        }

        // English prose has 30–45 % function words from this list; other Latin-script languages well under 5 %.
        return words >= 30 && function * 100 < words * 6
            ? string.Create(CultureInfo.InvariantCulture, $"language not supported: only {function} of {words} words are common English words; the recogniser reads English; nothing extracted")
            : null;
    }

    /// <summary>
    /// The commonest English function words, compared ignoring case. All are ASCII and at most five letters, and
    /// ordinal case-insensitive comparison never pairs an ASCII letter with another character, so lower-casing
    /// ASCII and matching constants gives the same answer as a case-insensitive set, without hashing every word.
    /// </summary>
    private static bool IsFunctionWord(ReadOnlySpan<char> word)
    {
        Span<char> lower = stackalloc char[5];
        if (word.Length > lower.Length || Ascii.ToLower(word, lower, out var written) != OperationStatus.Done)
        {
            return false;
        }

        return lower[..written] is "the" or "of" or "and" or "to" or "in" or "a" or "is" or "that" or "for" or "on" or "with" or "as" or "was"
            or "by" or "it" or "at" or "from" or "are" or "be" or "has" or "have" or "will" or "not" or "this" or "an" or "its" or "their"
            or "but" or "or" or "were" or "which" or "would" or "could";
    }

    private const string WordPunctuation = ".,;:\"'()!?\u201C\u201D";

    /// <summary>The next run of non-white-space characters (as <c>string.Split</c> with no separators finds them), or empty at the end.</summary>
    private static ReadOnlySpan<char> NextWord(ref ReadOnlySpan<char> rest)
    {
        var start = 0;
        while (start < rest.Length && char.IsWhiteSpace(rest[start]))
        {
            start++;
        }

        var end = start;
        while (end < rest.Length && !char.IsWhiteSpace(rest[end]))
        {
            end++;
        }

        var word = rest[start..end];
        rest = rest[end..];
        return word;
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
