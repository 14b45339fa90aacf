using System.Collections.Frozen;
using Platform.Entities.Recognition.Lexicon;
using Platform.Entities.Recognition.Text;

namespace Platform.Entities.Recognition.Internal;

/// <summary>
/// Types a candidate the gazetteer did not know, from its own words first and its context second:
///   1. head words: "… Institute" is an ORG, "… Mountains" a LOC, "… Province" a GPE, "Battle of …" an EVENT;
///   2. a title before it, a known given name, or a name particle ("al-", "bin", "Abu") make it a PERSON;
///   3. context: "said", "told", ", who" after it or "according to", "by" before it (a PERSON); "in", "near",
///      "from" before it (a GPE);
///   4. a lone acronym is an ORG; two or more unknown capitalised words are most often a person's name;
///   5. a lone capitalised word with no evidence stays untyped: coreference may still place it ("Abadi"
///      after "Haider al-Abadi"), else it is dropped. At the start of a sentence capitals prove nothing.
/// </summary>
internal sealed class ChunkClassifier(Lexicons lexicons, string text, List<Token> tokens, string?[] keys)
{
    private static readonly FrozenSet<string> SpeechVerbs = FrozenSet.ToFrozenSet(
    [
        "said", "says", "told", "added", "argued", "argues", "wrote", "writes", "warned", "warns", "explained", "noted",
        "insisted", "claimed", "stated", "asked", "replied", "recalled", "acknowledged", "admitted", "predicted",
        "believes", "believed", "thinks", "vowed", "pledged", "promised", "announced", "declared", "urged", "suggested",
        "estimated", "cautioned", "conceded", "countered", "observed", "remarked", "stressed", "testified", "tweeted",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> PlacePrepositions = FrozenSet.ToFrozenSet(
        ["in", "near", "from", "outside", "around", "across", "into", "towards", "toward", "through", "at", "to", "of"],
        StringComparer.Ordinal);

    public void Classify(Candidate candidate)
    {
        if (candidate.Kind is not null && candidate.Known is not null)
        {
            return;
        }

        var first = keys[candidate.First]!;
        var head = HeadKey(candidate);
        var count = candidate.TokenCount;
        if (count >= 2 && (first is "battle" or "siege" or "operation" or "liberation") || count >= 2 && lexicons.EventWords.Contains(head))
        {
            candidate.Kind = EntityKind.Event;
        }
        else if (count >= 2 && (lexicons.OrgWords.Contains(head) || lexicons.OrgWords.Contains(first) && !tokens[candidate.First + 1].IsCapitalised))
        {
            candidate.Kind = EntityKind.Org;
        }
        else if (count == 2 && lexicons.GivenNames.Contains(first) && !lexicons.GpeWords.Contains(head) && first is not ("mount" or "lake" or "cape"))
        {
            candidate.Kind = EntityKind.Person; // "Lena Marsh", "Adam Hill": a given name outweighs a place word
        }
        else if (count >= 2 && (lexicons.LocationWords.Contains(head) || first is "mount" or "lake" or "cape" or "gulf"))
        {
            candidate.Kind = EntityKind.Loc;
        }
        else if (count >= 2 && lexicons.GpeWords.Contains(head))
        {
            candidate.Kind = EntityKind.Gpe;
        }
        else if (candidate.Kind is EntityKind.Person || candidate.AfterTitle || HasParticle(candidate)
            || (lexicons.GivenNames.Contains(first) && (count >= 2 || !tokens[candidate.First].SentenceStart)))
        {
            candidate.Kind = EntityKind.Person;
        }
        else if (SpokenBy(candidate) && !IsAcronym(candidate))
        {
            candidate.Kind = EntityKind.Person;
        }
        else if (IsAcronym(candidate))
        {
            candidate.Kind = EntityKind.Org;
        }
        else if (AfterPlacePreposition(candidate) && (count >= 2 || !tokens[candidate.First].SentenceStart))
        {
            candidate.Kind = EntityKind.Gpe;
        }
        else if (count >= 2 && count <= 4)
        {
            candidate.Kind = EntityKind.Person;
        }
        else
        {
            candidate.Kind = null;
        }
    }

    /// <summary>The word that decides an organisation or place: the last, or before "of" the first part's last.</summary>
    private string HeadKey(Candidate candidate)
    {
        for (var k = candidate.First + 1; k < candidate.Last; k++)
        {
            if (!tokens[k].IsCapitalised && keys[k] is "of" or "for" or "on")
            {
                var before = keys[k - 1]!;
                if (lexicons.OrgWords.Contains(before) || lexicons.GpeWords.Contains(before) || lexicons.LocationWords.Contains(before) || lexicons.EventWords.Contains(before))
                {
                    return before;
                }
            }
        }

        return keys[candidate.Last]!;
    }

    private bool HasParticle(Candidate candidate)
    {
        for (var k = candidate.First; k <= candidate.Last; k++)
        {
            if (tokens[k].Shape == TokenShape.ParticleName || keys[k] is "bin" or "ibn" or "bint" or "abu")
            {
                return true;
            }
        }

        return false;
    }

    private bool IsAcronym(Candidate candidate) =>
        candidate.TokenCount == 1 && tokens[candidate.First].Shape == TokenShape.AllCaps && tokens[candidate.First].Length <= 8;

    private bool SpokenBy(Candidate candidate)
    {
        // After: "Marsh said", "Marsh, who …", "Marsh, a researcher …". Before: "said Marsh", "according to Marsh".
        var after = NextWord(candidate.Last + 1, out var comma);
        if (after is { } a && (SpeechVerbs.Contains(a) || comma && a is "who" or "a" or "an" or "the" or "whose"))
        {
            return true;
        }

        var before = PreviousWord(candidate.First - 1, out _);
        var beforeThat = PreviousWord(PreviousIndex(candidate.First - 1) - 1, out _);
        return before is { } b && (SpeechVerbs.Contains(b) || b == "by" && tokens[candidate.First].SentenceStart is false && beforeThat is null)
            || before == "to" && beforeThat == "according";
    }

    private bool AfterPlacePreposition(Candidate candidate)
    {
        var before = PreviousWord(candidate.First - 1, out var punctuation);
        return !punctuation && before is { } b && PlacePrepositions.Contains(b) && b != "of";
    }

    private string? NextWord(int index, out bool comma)
    {
        comma = false;
        while (index < tokens.Count && !tokens[index].IsWord)
        {
            var c = text[tokens[index].Start];
            if (c == ',')
            {
                comma = true;
            }
            else if (c is not '"' and not '\u201D' and not '\'')
            {
                return null;
            }

            index++;
        }

        return index < tokens.Count ? keys[index] : null;
    }

    private string? PreviousWord(int index, out bool punctuation)
    {
        punctuation = false;
        while (index >= 0 && !tokens[index].IsWord)
        {
            punctuation = true;
            if (text[tokens[index].Start] is not ',' and not '"' and not '\u201C')
            {
                return null;
            }

            index--;
        }

        return index >= 0 ? keys[index] : null;
    }

    private int PreviousIndex(int index)
    {
        while (index >= 0 && !tokens[index].IsWord)
        {
            index--;
        }

        return index;
    }
}
