using System.Buffers;
using System.Text.RegularExpressions;

namespace Platform.Predictions.Extraction;

/// <summary>
/// Who makes a forecast. The author, unless the sentence reports someone else's:
///   1. "according to X …";
///   2. a reporting frame at the end: "…, the OECD said", "…, said GM chief executive Rick Wagoner",
///      "…, the report suggests";
///   3. a reporting or belief verb after the subject: "Swiss Re has said …", "Homeowners now expect …",
///      "In November, Barclays … forecast …" (an opening time or linking phrase is never the speaker);
///   4. a quotation's continuation, or a first-person belief inside one ("I think …"), goes to the last speaker;
///   5. the speaker is named by <see cref="SpeakerNames"/>: the fullest form in the article, acronyms expanded,
///      pronouns and "the report" resolved to the last speaker, unnamed groups ("analysts") kept as written.
/// </summary>
internal static partial class Attribution
{
    private const string Verbs = "said|says|say|warned|warns|warn|predicted|predicts|predict|forecast|forecasts|forecasting|vowed|vows|told|expects|expect"
        + "|expected|expecting|believes|believed|believe|argued|argues|argue|thinks|think|thought|estimated|estimates|estimate|claimed|claims|claim"
        + "|insisted|insists|cautioned|promised|pledged|suggested|suggests|suggest|added|adding|wrote|writes|noted|notes|stressed|admitted|conceded"
        + "|concedes|agree|agreed|anticipated|anticipates|fear|fears|feared|projects|projected|projecting|reckons|reckoned|denied|concluded|reported"
        + "|revealed|explained|stated|announced|hopes|hoped|are betting|is betting|points out|pointed out|are concerned|is concerned|maintains|maintained";

    [GeneratedRegex(@"\b(?:" + Verbs + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex Verb();

    [GeneratedRegex(@"\baccording to\s+(?<np>(?:(?:Dr|Mr|Mrs|Ms|Prof|Gen|Sen|Gov|Lt|Col)\.\s+)?[^,.;:""]{2,80})", RegexOptions.IgnoreCase)]
    private static partial Regex AccordingTo();

    [GeneratedRegex(@"[,""\u201D]\s*(?<np>(?:[\w&'’.\-]+\s+){0,7}?[\w&'’.\-]+)\s+(?:has |have |also )?(?:" + Verbs + @")(?:\s+(?:in|on|at|to|during|last|this|yesterday)\b[^,.""]{0,40})?(?:\.?[""\u201D]?\s*$|,)", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingFrame();

    [GeneratedRegex(@"[,""\u201D]\s*(?:said|says|added|warned|argued|predicted|insisted|according to)\s+(?<np>[^,.;:""]{2,90}?)\s*(?:[.,;:]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex InvertedFrame();

    // A subject then a reporting verb, the verb within the first part of the sentence: "Swiss Re has said that …".
    [GeneratedRegex(@"^(?<np>[^""\u201C]{1,90}?)\s+(?:(?:has|have|had|also|now|still|is|are|was|were|would|will|did|does|do|again|then|already|recently|however)\s+)*(?<!\b(?:the|a|an|its|his|her|their|latest|these|those|new|of)\s)(?:" + Verbs + @")\b(?!\s+(?:to|by|of|for)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingSubject();

    // What opens a sentence without being its subject: a linking word, a time or place phrase ending in a comma.
    [GeneratedRegex(@"^[\W]*(?:(?:but|and|yet|so|also|however|meanwhile|separately|still|now|indeed|instead|overall|nonetheless|in addition|even|then|elsewhere|similarly|likewise|today|yesterday|in contrast|in particular|for example|for now)\b,?\s*)*(?:(?:(?:in|on|at|for|during|by|after|before|earlier|later|last|this|since|with|under|despite|in its|until)\b|[A-Z]\w+ing\b)[^,""\u201C]{0,60},\s*)?", RegexOptions.IgnoreCase)]
    private static partial Regex Opening();

    // A subject phrase holding a verb is a clause, not a speaker: "The global economy will slow in 2005, the UNECE forecasts".
    [GeneratedRegex(@"\b(?:will|would|could|may|might|should|shall|can|is|are|was|were|been|be)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Clause();

    [GeneratedRegex(@"^\W*(?:I|we|I'm|we're|I've|we've)\b")]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"\b(?:I|we)\s+(?:(?:do not|don't|did not|didn't|really|also|still|now|all)\s+)?(?:think|expect|believe|predict|fear|doubt|reckon|suspect|am confident|are confident|'m confident)\b")]
    private static partial Regex FirstPersonBelief();

    public static (string? Speaker, bool Attributed) Find(string body, Sentence sentence, bool insideQuote, SpeakerNames names)
    {
        var text = sentence.Text(body);

        // 1.
        if (AccordingTo().Match(text) is { Success: true } according && names.Resolve(sentence.Start + according.Groups["np"].Index,
            according.Groups["np"].Value) is { } source)
        {
            return (source, true);
        }

        // A sentence with no reporting or belief verb names no speaker of its own (a cheap test first: most do not).
        var quoted = insideQuote || StartsWithQuote(text);
        if (!Verb().IsMatch(text))
        {
            if (quoted && QuoteClose(body, sentence) is { } closing && names.Resolve(closing.Start, closing.Phrase) is { } closedBy)
            {
                return (closedBy, true);
            }

            return (quoted || FirstPersonBelief().IsMatch(text)) && names.Last is { } previous ? (previous, true) : (null, false);
        }

        // 3. (a source opening the sentence outranks the outlet that reports it at the end)
        var opening = Opening().Match(text).Length;
        var rest = text[opening..];
        if (!FirstPerson().IsMatch(rest) && LeadingSubject().Match(rest) is { Success: true } subject
            && !InsideQuote(text, opening + subject.Index) && !Clause().IsMatch(subject.Groups["np"].Value)
            && names.Resolve(sentence.Start + opening + subject.Groups["np"].Index, Apposition(subject.Groups["np"].Value)) is { } speaker)
        {
            return (speaker, true);
        }

        // 2.
        var tailFrom = Math.Max(0, text.Length - 160); // a closing frame is short: look only at the sentence's end
        if (TrailingFrame().Match(text, tailFrom) is { Success: true } trailing && !trailing.Groups["np"].Value.Contains(' ' + "that", StringComparison.Ordinal)
            && names.Resolve(sentence.Start + trailing.Groups["np"].Index, trailing.Groups["np"].Value) is { } after)
        {
            return (after, true);
        }

        if (InvertedFrame().Match(text) is { Success: true } inverted
            && names.Resolve(sentence.Start + inverted.Groups["np"].Index, inverted.Groups["np"].Value) is { } saidBy)
        {
            return (saidBy, true);
        }

        // A quotation whose speaker is named where it closes, a sentence or two later: "… exposure. It's … ," said Paul Newsome.
        if ((insideQuote || StartsWithQuote(text)) && QuoteClose(body, sentence) is { } close
            && names.Resolve(close.Start, close.Phrase) is { } closer)
        {
            return (closer, true);
        }

        // 4.
        if ((insideQuote || StartsWithQuote(text) || FirstPersonBelief().IsMatch(text)) && names.Last is { } last)
        {
            return (last, true);
        }

        return (null, false);
    }

    [GeneratedRegex(@"^[""\u201D],?\s*(?:(?:said|says|added|warned|argued|insisted|predicted)\s+(?<np>[^,.;:""]{2,90}?)\s*(?:[.,;:]|$)|(?<np>(?:[\w&'’.\-]+\s+){0,6}?[\w&'’.\-]+)\s+(?:said|says|added|warned|argued|insisted|predicted)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex AfterQuote();

    /// <summary>The speaker phrase right after the quotation the sentence is in closes, within its paragraph.</summary>
    private static (int Start, string Phrase)? QuoteClose(string body, Sentence sentence)
    {
        var paragraphEnd = body.IndexOf("\n\n", sentence.Start, StringComparison.Ordinal);
        var limit = paragraphEnd < 0 ? body.Length : paragraphEnd;
        for (var k = sentence.Start + 1; k < limit; k++)
        {
            if (body[k] is '"' or '\u201D')
            {
                var tail = body.Substring(k, Math.Min(limit - k, 140));
                return AfterQuote().Match(tail) is { Success: true } m ? (k + m.Groups["np"].Index, m.Groups["np"].Value) : null;
            }
        }

        return null;
    }

    /// <summary>Whether a sentence that makes no forecast may still name a speaker the next ones refer back to.</summary>
    public static bool MayNameSpeaker(string text) =>
        // One vectorised multi-string search, not the verb pattern: this runs on every sentence that makes no
        // forecast. (Seventeen case-insensitive string.Contains calls cost as much as reading the hedge: with
        // invariant globalization each is a scalar loop.)
        text.AsSpan().ContainsAny(SpeakerIntroductions);

    private static readonly SearchValues<string> SpeakerIntroductions = SearchValues.Create(
        [" said", " says", "according to", " told", " warned", " reported", " predict", " forecast", " claim", " expect", " believe", " think", " added", " argu", " insist", " estimat", " suggest"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>"Munich Re, the world's largest reinsurer," → "Munich Re": the subject before an apposition.</summary>
    private static string Apposition(string np)
    {
        var comma = np.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 ? np[..comma] : np;
    }

    private static bool StartsWithQuote(string text) => text.Length > 0 && text[0] is '"' or '\u201C';

    private static bool InsideQuote(string text, int position)
    {
        var quotes = 0;
        for (var k = 0; k < position && k < text.Length; k++)
        {
            if (text[k] is '"' or '\u201C' or '\u201D')
            {
                quotes++;
            }
        }

        return quotes % 2 == 1;
    }
}
