using System.Text;

namespace Platform.Entities.Recognition;

/// <summary>
/// Keys under which names are compared. A token key folds case, accents, apostrophes and dots ("Shi'ite" →
/// "shiite", "U.S." → "us"). A name key also drops the Arabic article ("al-Abadi", "Al Abadi" → "abadi") and
/// a leading "the", and unifies regular British/American spellings ("Mobilisation" → "mobilization"), so that
/// the spellings of one name meet. A skeleton keeps consonants only, to find transliteration variants
/// ("Haider"/"Haidar") that a bounded edit distance then confirms.
/// </summary>
public static class NameKey
{
    private static readonly string[] ArticleParticles = ["al", "el", "ad", "ar", "as", "an", "at", "az", "ash", "the"];

    private static readonly (string From, string To)[] SpellingVariants =
    [
        ("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("qaida", "qaeda"), ("centre", "center"),
        ("defence", "defense"), ("programme", "program"), ("labour", "labor"), ("organisations", "organizations"),
    ];

    /// <summary>Lower case, no accents, no apostrophes or dots: "Erdoğan" → "erdogan", "U.N." → "un".</summary>
    public static string Token(ReadOnlySpan<char> token)
    {
        Span<char> buffer = token.Length <= 128 ? stackalloc char[token.Length] : new char[token.Length];
        var n = 0;
        var ascii = true;
        foreach (var c in token)
        {
            if (c is '\'' or '\u2019' or '.' or '\u00AD' or '`')
            {
                continue;
            }

            ascii &= c < 128;
            buffer[n++] = c < 128 ? (char)(c is >= 'A' and <= 'Z' ? c + 32 : c) : c;
        }

        return ascii ? new string(buffer[..n]) : StripAccents(buffer[..n]);
    }

    /// <summary>The comparison key of a whole name: "Al Abadi", "al-Abadi" → "abadi"; "Haider al-Abadi" → "haider abadi".</summary>
    public static string Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var range in name.AsSpan().SplitAny(PartSeparators))
        {
            if (PartKey(name.AsSpan(range)) is not { } part)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(part);
        }

        return builder.ToString();
    }

    /// <summary>The words of a name's key, without articles, with spelling variants unified.</summary>
    public static IEnumerable<string> NameParts(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var raw in name.Split(PartSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (PartKey(raw) is { } part)
            {
                yield return part;
            }
        }
    }

    private static readonly char[] PartSeparators = [' ', '-', '\u2011', '\u2013', '\t', '\n', '\r', ',', '(', ')', '"', '\u201C', '\u201D'];

    /// <summary>One word's part of a name key, or null for an article or a word with nothing left.</summary>
    private static string? PartKey(ReadOnlySpan<char> raw)
    {
        var token = Token(raw);
        return token.Length == 0 || Array.IndexOf(ArticleParticles, token) >= 0 ? null : Unify(token);
    }

    /// <summary>The consonants of a key, "q" read as "k": "haidar abadi" and "haider abadi" share "hdr bd".</summary>
    public static string Skeleton(string nameKey)
    {
        ArgumentNullException.ThrowIfNull(nameKey);
        var builder = new StringBuilder(nameKey.Length);
        foreach (var c in nameKey)
        {
            var d = c == 'q' ? 'k' : c;
            if (d is 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'w' or 'h' && builder.Length > 0 && builder[^1] != ' ')
            {
                continue;
            }

            if (builder.Length > 0 && builder[^1] == d)
            {
                continue; // doubled letters: "Gaddafi" / "Gadafi"
            }

            builder.Append(d);
        }

        return builder.ToString();
    }

    /// <summary>Optimal string alignment distance, stopping early once it exceeds <paramref name="limit"/>.</summary>
    public static int Distance(string a, string b, int limit)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], previous2[j - 2] + 1);
                }

                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }

    private static string Unify(string token)
    {
        foreach (var (from, to) in SpellingVariants)
        {
            if (token.EndsWith(from, StringComparison.Ordinal) && (from.Length > 3 || token.Length > 6))
            {
                return string.Concat(token.AsSpan(0, token.Length - from.Length), to);
            }
        }

        return token;
    }

    // Base letters of U+00C0..U+024F (Latin-1 Supplement, Latin Extended-A and -B); '.' keeps the character.
    // A table rather than string.Normalize: the services run with invariant globalization (no ICU).
    private const string LatinBase =
        "aaaaaaaceeeeiiiidnooooo.ouuuuytsaaaaaaaceeeeiiiidnooooo.ouuuuytyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkkkllllll..llnnnnnn.nnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs................................oo.............uu............................aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa....aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............................";

    private static string StripAccents(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= '\u0300' and <= '\u036F')
            {
                continue; // a combining accent
            }

            var folded = c is >= '\u00C0' and <= '\u024F' ? LatinBase[c - 0xC0] : '.';
            builder.Append(folded != '.' ? folded : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
