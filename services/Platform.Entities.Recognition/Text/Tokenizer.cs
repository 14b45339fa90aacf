using System.Collections.Frozen;

namespace Platform.Entities.Recognition.Text;

/// <summary>
/// Splits text into word and punctuation tokens in one pass, keeping UTF-16 offsets into the original text
/// (which is never modified, so control characters and odd spacing cannot shift offsets). Words keep their
/// inner hyphens and apostrophes ("al-Abadi", "Shi'ite") but lose a possessive "'s"; dotted acronyms stay one
/// token ("U.S."); a hyphen is a split point where it joins two names ("Shia-Sunni") or a name to a common
/// suffix word ("US-led"). Each word knows whether it starts a sentence.
/// </summary>
internal static class Tokenizer
{
    /// <summary>Words that end with a full stop without ending the sentence.</summary>
    private static readonly FrozenSet<string> Abbreviations = FrozenSet.ToFrozenSet(
    [
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm", "Sgt", "Brig", "Rep",
        "Sen", "Gov", "Rev", "St", "Jr", "Sr", "No", "vs", "etc", "Mt", "Ft", "Cpl", "Pvt", "Gens", "Hon", "Amb",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "approx", "Inc", "Co", "Corp",
    ], StringComparer.Ordinal);

    /// <summary>After a hyphen, these make the part before it a separate name ("US-led", "Iranian-backed").</summary>
    private static readonly FrozenSet<string> HyphenSuffixes = FrozenSet.ToFrozenSet(
    [
        "led", "backed", "based", "controlled", "dominated", "held", "made", "born", "run", "allied", "aligned", "funded",
        "brokered", "style", "speaking", "majority", "owned", "linked", "affiliated", "inspired", "sponsored", "occupied",
        "oriented", "friendly", "related", "era", "type", "trained", "armed", "supported", "majority", "populated",
        "ruled", "administered", "registered", "bound", "wide", "centric", "focused", "produced", "built", "designed",
    ], StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> Particles = FrozenSet.ToFrozenSet(
        ["al", "el", "ad", "ar", "as", "an", "at", "az", "ash", "ul", "bin", "ibn", "abu", "bint", "ben", "ez", "es", "ed", "ud", "um"],
        StringComparer.OrdinalIgnoreCase);

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(text.Length / 5);
        var sentenceStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (c == '\n' && (i + 1 < text.Length && text[i + 1] is '\n' or '\r' || LineLooksEnded(tokens, text)))
                {
                    sentenceStart = true; // a paragraph break, or a line that ended without punctuation (a heading)
                }

                i++;
                continue;
            }

            if (!char.IsLetterOrDigit(c))
            {
                tokens.Add(new Token(i, i + 1, TokenShape.Punctuation, false));
                if (c is '.' or '!' or '?' && !(c == '.' && PreviousWordIsAbbreviation(tokens, text)))
                {
                    sentenceStart = true;
                }

                i++;
                continue;
            }

            var end = WordEnd(text, i);
            if (end - i < 3 || text.AsSpan(i + 1, end - i - 2).IndexOfAny('-', '\u2011') < 0)
            {
                // No inner hyphen (most words): one token, without the splitting iterator.
                tokens.Add(new Token(i, end, ShapeOf(text.AsSpan(i, end - i)), sentenceStart));
                sentenceStart = false;
            }
            else
            {
                foreach (var (start, stop) in SplitAtHyphens(text, i, end))
                {
                    tokens.Add(new Token(start, stop, ShapeOf(text.AsSpan(start, stop - start)), sentenceStart));
                    sentenceStart = false;
                }
            }

            i = end;
        }

        return tokens;
    }

    private static int WordEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || c is '\u00AD')
            {
                i++;
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c is '-' or '\u2011' && char.IsLetterOrDigit(next))
            {
                i++;
                continue;
            }

            if (c is '\'' or '\u2019' && char.IsLetter(next))
            {
                // A possessive ("Abadi's") is not part of the name; an inner apostrophe ("Shi'ite") is.
                var afterS = i + 2 < text.Length ? text[i + 2] : '\0';
                if (next is 's' or 'S' && !char.IsLetter(afterS))
                {
                    break;
                }

                i++;
                continue;
            }

            if (c == '.' && IsDottedAcronymSoFar(text, start, i) && (char.IsUpper(next) || !char.IsLetter(next)))
            {
                // "U.S." / "U.N.": a single capital, a dot, and so on; the last dot belongs to the acronym.
                if (char.IsUpper(next) && i + 2 < text.Length && text[i + 2] == '.')
                {
                    i += 2;
                    continue;
                }

                if (i - start >= 3)
                {
                    i++;
                }

                break;
            }

            break;
        }

        return i;
    }

    private static bool IsDottedAcronymSoFar(string text, int start, int dot)
    {
        // "U" or "U.S" so far: capitals separated by dots.
        for (var k = start; k < dot; k++)
        {
            var expectLetter = (k - start) % 2 == 0;
            if (expectLetter ? !char.IsUpper(text[k]) : text[k] != '.')
            {
                return false;
            }
        }

        return (dot - start) % 2 == 1;
    }

    private static IEnumerable<(int Start, int End)> SplitAtHyphens(string text, int start, int end)
    {
        var partStart = start;
        for (var k = start + 1; k < end - 1; k++)
        {
            if (text[k] is not '-' and not '\u2011')
            {
                continue;
            }

            var left = text.AsSpan(partStart, k - partStart);
            var rightEnd = k + 1;
            while (rightEnd < end && text[rightEnd] is not '-' and not '\u2011')
            {
                rightEnd++;
            }

            var right = text.AsSpan(k + 1, rightEnd - k - 1);
            if (ShouldSplit(left, right))
            {
                yield return (partStart, k);
                partStart = k + 1;
            }
        }

        yield return (partStart, end);
    }

    private static bool ShouldSplit(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        if (left.Length < 2 || !char.IsUpper(left[0]) || Particles.GetAlternateLookup<ReadOnlySpan<char>>().Contains(left))
        {
            return false;
        }

        if (char.IsUpper(right[0]))
        {
            return right.Length > 1 && !(right.Length <= 3 && IsAllUpper(left)); // "Shia-Sunni" splits; "ISIS-K" does not
        }

        return HyphenSuffixes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(right);
    }

    private static TokenShape ShapeOf(ReadOnlySpan<char> word)
    {
        var first = word[0];
        if (char.IsDigit(first))
        {
            return TokenShape.Number;
        }

        if (char.IsUpper(first))
        {
            return word.Length >= 2 && IsAllUpper(word) ? TokenShape.AllCaps : TokenShape.Capitalised;
        }

        var hyphen = word.IndexOfAny('-', '\u2011');
        if (hyphen > 0 && hyphen + 1 < word.Length && char.IsUpper(word[hyphen + 1])
            && Particles.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word[..hyphen]))
        {
            return TokenShape.ParticleName;
        }

        return TokenShape.Lower;
    }

    private static bool IsAllUpper(ReadOnlySpan<char> word)
    {
        var letters = 0;
        foreach (var c in word)
        {
            if (char.IsLetter(c))
            {
                if (!char.IsUpper(c))
                {
                    return false;
                }

                letters++;
            }
        }

        return letters >= 1;
    }

    private static bool PreviousWordIsAbbreviation(List<Token> tokens, string text)
    {
        // tokens[^1] is the full stop itself.
        if (tokens.Count < 2 || !tokens[^2].IsWord || tokens[^2].End != tokens[^1].Start)
        {
            return false;
        }

        var word = tokens[^2].Text(text);
        return (word.Length == 1 && char.IsUpper(word[0])) // an initial: "George W. Bush"
            || Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
    }

    private static bool LineLooksEnded(List<Token> tokens, string text)
    {
        // A line break after a word with no closing punctuation: a heading, byline or list item.
        return tokens.Count > 0 && tokens[^1].IsWord && text.AsSpan(tokens[^1].End).TrimStart(" \t\r").StartsWith("\n");
    }
}
