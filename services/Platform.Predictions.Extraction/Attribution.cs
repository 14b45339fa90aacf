using System.Text.RegularExpressions;
using Platform.Entities.Recognition;

namespace Platform.Predictions.Extraction;

/// <summary>
/// Who makes a forecast. The author, unless the sentence reports someone else's:
///   1. "according to X …", or a reporting verb with a person or organisation as its subject before it
///      ("Khazali vowed that …", "OCHA warned …") or right after it ("…, said Lena Marsh");
///   2. a pronoun subject ("He warned …") or a quotation with no speaker in it goes to the last person or
///      organisation who spoke in the text before;
///   3. the name recorded is the entity's fullest form in the article ("Qais al-Khazali", not "Khazali").
/// </summary>
internal static partial class Attribution
{
    [GeneratedRegex(@"\baccording to\b", RegexOptions.IgnoreCase)]
    private static partial Regex AccordingTo();

    [GeneratedRegex(@"^\W*(?:he|she|they|it)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PronounStart();

    [GeneratedRegex(@",\s*(?:he|she|they)\s+(?:said|says|warned|added|argued|predicted|insisted)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PronounSaid();

    [GeneratedRegex(@"^\W*(?:(?:Maj|Gen|Brig|Lt|Col|Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov)\.?\s+)*(?<name>[A-Z][\w'\-]+(?:\s+(?:al-|bin\s+|de\s+|van\s+)?[A-Z][\w'\-]+){1,3}),")]
    private static partial Regex LeadingName();

    [GeneratedRegex(@"^\W*(?:I|we)\b")]
    private static partial Regex FirstPerson();

    public static (string? Speaker, bool Attributed) Find(string body, Sentence sentence, IReadOnlyList<MentionInput> mentions, ref MentionInput? lastSpeaker,
        IReadOnlyDictionary<string, string> fullNames)
    {
        var text = sentence.Text(body);
        var speakers = mentions.Where(m => m.Start >= sentence.Start && m.End <= sentence.End && m.Kind is EntityKind.Person or EntityKind.Org).ToList();

        // 1.
        if (AccordingTo().Match(text) is { Success: true } according)
        {
            var after = speakers.FirstOrDefault(m => m.Start - sentence.Start >= according.Index + according.Length);
            if (after is not null)
            {
                lastSpeaker = after;
                return (Name(after, fullNames), true);
            }
        }

        var verb = HedgeReader.Reporting().Match(text);
        if (verb.Success && !FirstPerson().IsMatch(text))
        {
            var verbAt = sentence.Start + verb.Index;
            // The subject: a person opening the sentence ("Hawre Salih, who tracks displacement for the Erbil
            // Centre, warned …") outranks names inside the apposition; else the nearest name before the verb.
            var subject = speakers.FirstOrDefault(m => m.Kind == EntityKind.Person && m.End <= verbAt && m.Start - sentence.Start <= 24
                && !InsideQuote(body, sentence.Start, m.Start));
            var before = speakers.LastOrDefault(m => m.End <= verbAt && verbAt - m.End <= 40 && !InsideQuote(body, sentence.Start, m.Start));
            var after = speakers.FirstOrDefault(m => m.Start >= verbAt + verb.Length && m.Start - (verbAt + verb.Length) <= 3);
            var chosen = subject ?? before ?? after;
            if (chosen is not null)
            {
                lastSpeaker = chosen;
                return (Name(chosen, fullNames), true);
            }

            // 2.
            if ((PronounStart().IsMatch(text) || PronounSaid().IsMatch(text)) && lastSpeaker is not null)
            {
                return (Name(lastSpeaker, fullNames), true);
            }

            // A name the recogniser did not know, opening the sentence before an apposition: "Viktor Shelest, a …, vowed".
            if (LeadingName().Match(text) is { Success: true } name && name.Index + name.Length <= verb.Index)
            {
                return (name.Groups["name"].Value, true);
            }
        }

        if (StartsWithQuote(text) && lastSpeaker is not null && !verb.Success)
        {
            return (Name(lastSpeaker, fullNames), true);
        }

        return (null, false);
    }

    private static string Name(MentionInput mention, IReadOnlyDictionary<string, string> fullNames) =>
        fullNames.TryGetValue(mention.EntityId, out var full) ? full : mention.CanonicalName;

    private static bool StartsWithQuote(string text) => text.Length > 0 && text[0] is '"' or '\u201C';

    private static bool InsideQuote(string body, int from, int position)
    {
        var quotes = 0;
        for (var k = from; k < position; k++)
        {
            if (body[k] is '"' or '\u201C' or '\u201D')
            {
                quotes++;
            }
        }

        return quotes % 2 == 1;
    }
}
