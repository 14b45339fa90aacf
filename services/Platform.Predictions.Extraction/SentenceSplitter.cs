using System.Collections.Frozen;

namespace Platform.Predictions.Extraction;

/// <summary>
/// Splits a body into sentences. A sentence ends at ".", "!" or "?" (with any closing quotes or brackets after
/// it) followed by white space and a capital, digit or opening quote, or at a line break that ends a paragraph or
/// a heading. A full stop after an abbreviation ("Dr.", "Gen.", "Nov."), an initial ("George W. Bush") or inside
/// a dotted acronym ("U.S.", "U.N.") does not end one, unless a new paragraph follows.
/// </summary>
public static class SentenceSplitter
{
    private static readonly FrozenSet<string> Abbreviations = FrozenSet.ToFrozenSet(
    [
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "brig", "rep", "sen",
        "gov", "rev", "st", "jr", "sr", "no", "vs", "etc", "mt", "ft", "hon", "amb", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "co", "corp", "ltd", "approx", "est", "fig", "e.g", "i.e",
        "u.s", "u.n", "u.k", "e.u", "a.m", "p.m", "dept", "univ", "govt",
    ], StringComparer.OrdinalIgnoreCase);

    public static List<Sentence> Split(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var sentences = new List<Sentence>();
        var start = 0;
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '\n' && (NextLineIsBlank(body, i) || LineHasNoClosingPunctuation(body, start, i)))
            {
                Add(sentences, body, start, i);
                start = i + 1;
                i++;
                continue;
            }

            if (c is '.' or '!' or '?' or '\u2026')
            {
                var end = i + 1;
                while (end < body.Length && body[end] is '"' or '\'' or '\u201D' or '\u2019' or ')' or ']' or '.' or '!' or '?')
                {
                    end++;
                }

                if (end >= body.Length || (char.IsWhiteSpace(body[end]) && StartsSentence(body, end) && !(c == '.' && IsAbbreviationBefore(body, i, end))))
                {
                    Add(sentences, body, start, end);
                    start = end;
                    i = end;
                    continue;
                }

                i = end;
                continue;
            }

            i++;
        }

        Add(sentences, body, start, body.Length);
        return sentences;
    }

    private static void Add(List<Sentence> sentences, string body, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(body[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(body[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(new Sentence(start, end));
        }
    }

    private static bool StartsSentence(string body, int whitespace)
    {
        var k = whitespace;
        var newParagraph = false;
        while (k < body.Length && char.IsWhiteSpace(body[k]))
        {
            newParagraph |= body[k] == '\n';
            k++;
        }

        if (k >= body.Length)
        {
            return true;
        }

        var next = body[k];
        return newParagraph || char.IsUpper(next) || char.IsDigit(next) || next is '"' or '\u201C' or '\'' or '\u2018' or '(' or '[';
    }

    private static bool IsAbbreviationBefore(string body, int dot, int end)
    {
        var wordStart = dot;
        while (wordStart > 0 && (char.IsLetter(body[wordStart - 1]) || body[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = body.AsSpan(wordStart, dot - wordStart);
        if (word.Length == 0)
        {
            return false;
        }

        // A new paragraph after it always ends the sentence.
        for (var k = end; k < body.Length && char.IsWhiteSpace(body[k]); k++)
        {
            if (body[k] == '\n')
            {
                return false;
            }
        }

        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true; // an initial
        }

        var lookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.Contains(word))
        {
            // "U.S." at the end of a sentence is followed by a capitalised word that starts the next one; an
            // abbreviation of a title or month is followed by the name or the day it qualifies.
            return !(word.Contains('.') && NextWordIsSentenceStarter(body, end));
        }

        return false;
    }

    private static bool NextWordIsSentenceStarter(string body, int end)
    {
        var k = end;
        while (k < body.Length && char.IsWhiteSpace(body[k]))
        {
            k++;
        }

        var stop = k;
        while (stop < body.Length && char.IsLetter(body[stop]))
        {
            stop++;
        }

        return body.AsSpan(k, stop - k) is "The" or "But" or "It" or "This" or "That" or "They" or "He" or "She" or "We" or "In" or "A" or "And" or "Yet" or "If";
    }

    private static bool NextLineIsBlank(string body, int newline)
    {
        for (var k = newline + 1; k < body.Length && body[k] != '\n'; k++)
        {
            if (!char.IsWhiteSpace(body[k]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool LineHasNoClosingPunctuation(string body, int start, int newline)
    {
        var k = newline - 1;
        while (k >= start && body[k] is ' ' or '\t' or '\r')
        {
            k--;
        }

        // A heading or byline ends at its line; a hard-wrapped paragraph line usually ends mid-sentence, so only
        // lines short enough to be headings count.
        return k >= start && body[k] is not ('.' or '!' or '?' or ',' or ';' or ':' or '"' or '\u201D') && newline - start < 90
            && !char.IsLower(NextNonSpace(body, newline));
    }

    private static char NextNonSpace(string body, int index)
    {
        for (var k = index + 1; k < body.Length; k++)
        {
            if (!char.IsWhiteSpace(body[k]))
            {
                return body[k];
            }
        }

        return 'A';
    }
}
