using System.Collections.Frozen;
using Platform.Entities.Recognition.Lexicon;
using Platform.Entities.Recognition.Text;

namespace Platform.Entities.Recognition.Internal;

/// <summary>
/// Finds candidate names in a tokenised text, left to right:
///   1. a title or role ("Prime Minister", "Gen.") is skipped and marks the name after it as a person;
///   2. the longest gazetteer phrase at a position wins, unless capitalised words continue it into a longer
///      name with an organisation or place head word ("Mosul University", "Tigris Policy Institute");
///   3. otherwise a run of capitalised words, joined by name particles ("bin", "de la") and, inside
///      organisation and event names, by "of"/"for"/"on" ("University of Mosul", "Battle of Mosul"),
///      is one candidate, typed by <see cref="ChunkClassifier"/>;
///   4. words that never start a name ("However", "The", "Monday") are passed over.
/// </summary>
internal sealed class Chunker(Lexicons lexicons, string text, List<Token> tokens, string?[] keys)
{
    private static readonly FrozenSet<string> NameParticles = FrozenSet.ToFrozenSet(
        ["bin", "ibn", "bint", "al", "el", "de", "del", "la", "da", "do", "dos", "das", "van", "von", "der", "den", "di", "du", "le", "y", "abu", "ben", "ul", "ud", "wal", "los", "las"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> PhraseConnectors = FrozenSet.ToFrozenSet(["of", "for", "on"], StringComparer.Ordinal);

    public List<Candidate> Run()
    {
        var candidates = new List<Candidate>();
        var afterTitle = false;
        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.IsWord && !token.IsCapitalised && StartsParticleName(i))
            {
                var named = RunAt(i);
                named.Kind = EntityKind.Person;
                named.AfterTitle = afterTitle;
                afterTitle = false;
                candidates.Add(named);
                i = named.Last + 1;
                continue;
            }

            if (!token.IsWord || !token.IsCapitalised)
            {
                afterTitle &= !token.IsWord && token.Length == 1 && text[token.Start] == '.'; // "Gen." keeps the cue
                i++;
                continue;
            }

            var title = TitleLength(i);
            if (title > 0 && NextWordIsName(i + title) && !IsOrganisationRun(i, title))
            {
                afterTitle = true;
                i += title;
                continue;
            }

            var known = GazetteerAt(i);
            if (known is null && SkipsAsNotAName(i))
            {
                i++;
                continue;
            }

            var candidate = known ?? RunAt(i);
            candidate.AfterTitle = afterTitle;
            afterTitle = false;
            candidates.Add(candidate);
            i = candidate.Last + 1;
        }

        return candidates;
    }

    private int TitleLength(int i)
    {
        if (keys[i] is not { } key || !lexicons.Titles.Starts(key))
        {
            return 0;
        }

        var matches = lexicons.Titles.MatchesAt(i, KeyAt);
        return matches.Count > 0 ? matches[0].Length : 0;
    }

    private bool NextWordIsName(int i)
    {
        if (i < tokens.Count && !tokens[i].IsWord && text[tokens[i].Start] == '.')
        {
            i++;
        }

        return i < tokens.Count && tokens[i].IsWord && tokens[i].IsCapitalised && tokens[i].Shape != TokenShape.AllCaps;
    }

    private Candidate? GazetteerAt(int i)
    {
        if (keys[i] is not { } key || !lexicons.Entities.Starts(key))
        {
            return null;
        }

        foreach (var (length, forms) in lexicons.Entities.MatchesAt(i, KeyAt))
        {
            var last = i + length - 1;
            if (!WordsCapitalised(i, last))
            {
                continue;
            }

            var form = forms.FirstOrDefault(f => f.ExactTokens is null || MatchesExactly(i, f.ExactTokens));
            if (form is null)
            {
                continue;
            }

            // "Mosul University", "Euphrates Centre for Strategic Studies": a longer name built on a known place or people.
            var run = RunAt(i);
            if (run.Last > last && form.Entity.Kind is not EntityKind.Person && HasHeadWordAfter(last, run.Last) && tokens[last + 1].IsWord)
            {
                return run;
            }

            // "Jordan Peterson": a given name that is also a place, followed by a surname.
            if (length == 1 && lexicons.GivenNames.Contains(key) && run.Last == i + 1 && !lexicons.Entities.Starts(keys[i + 1] ?? ""))
            {
                run.Kind = EntityKind.Person;
                return run;
            }

            return new Candidate(i, last) { Kind = form.Entity.Kind, Known = form.Entity };
        }

        return null;
    }

    /// <summary>The run of capitalised words from <paramref name="i"/>, with particles and connectors inside.</summary>
    private Candidate RunAt(int i)
    {
        var last = i;
        var j = i + 1;
        var orgHeaded = false;
        while (j < tokens.Count && !tokens[j].SentenceStart)
        {
            if (!tokens[j].IsWord)
            {
                // Inside a name: "People's Protection Units", "Workers' Party", "George W. Bush".
                var skip = InnerPunctuation(j, last);
                if (skip == 0)
                {
                    break;
                }

                j += skip;
                continue;
            }

            var key = keys[j] ?? "";
            if (tokens[j].IsCapitalised)
            {
                if (j > i && TitleLength(j) > 0 && !lexicons.OrgWords.Contains(key))
                {
                    break; // "Kurdish President Nechirvan Barzani": the title starts something new
                }

                last = j++;
                orgHeaded |= IsHeadWord(key);
                continue;
            }

            // Connectors: only when a capitalised word follows them.
            var k = j;
            var particle = NameParticles.Contains(key);
            var connector = (PhraseConnectors.Contains(key) && (orgHeaded || IsHeadWord(keys[last] ?? "") || IsEventStart(keys[i] ?? ""))
                    || key == "in" && keys[last] == "mission") // "UN Verification Mission in Colombia"
                && !(last == i && tokens[i].SentenceStart && keys[i]!.EndsWith('s')); // "Brigades of the …" opens a sentence, it is no name
            if (!particle && !connector)
            {
                break;
            }

            k++;
            while (k < tokens.Count && tokens[k].IsWord && keys[k] is { } next && (NameParticles.Contains(next) || next == "the") && !tokens[k].IsCapitalised)
            {
                k++;
            }

            if (k >= tokens.Count || !tokens[k].IsWord || !tokens[k].IsCapitalised || connector && lexicons.GivenNames.Contains(keys[k] ?? ""))
            {
                break; // "… Forces of Samir Geagea": a person after "of" is not part of the name
            }

            j = k;
        }

        return new Candidate(i, last);
    }

    /// <summary>How many tokens of punctuation at <paramref name="j"/> a name may continue across (0: it ends here).</summary>
    private int InnerPunctuation(int j, int last)
    {
        var c = text[tokens[j].Start];
        bool CapitalisedAt(int k) => k < tokens.Count && tokens[k].IsWord && tokens[k].IsCapitalised && tokens[k].Start == tokens[k - 1].End + (text[tokens[k - 1].End] == ' ' ? 1 : 0);
        if (c is '\'' or '\u2019' && tokens[j].Start == tokens[last].End)
        {
            if (j + 1 < tokens.Count && keys[j + 1] == "s" && tokens[j + 1].Start == tokens[j].End && CapitalisedAt(j + 2))
            {
                return 2; // "People's Protection"
            }

            if (keys[last]?.EndsWith('s') == true && CapitalisedAt(j + 1))
            {
                return 1; // "Workers' Party"
            }
        }

        if (c == '.' && tokens[last].Length == 1 && char.IsUpper(text[tokens[last].Start]) && last > 0 && tokens[last - 1].IsCapitalised && CapitalisedAt(j + 1))
        {
            return 1; // a middle initial: "George W. Bush"
        }

        return 0;
    }

    /// <summary>"General Directorate of Intelligence": a title word that begins an organisation's name.</summary>
    private bool IsOrganisationRun(int i, int title)
    {
        var run = RunAt(i);
        return run.Last >= i + title && HasHeadWordAfter(i + title - 1, run.Last);
    }

    private bool HasHeadWordAfter(int last, int runLast)
    {
        for (var k = last + 1; k <= runLast; k++)
        {
            if (keys[k] is { } key && (lexicons.OrgWords.Contains(key) || lexicons.LocationWords.Contains(key) || lexicons.EventWords.Contains(key)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A word that never starts a name ("The", "However", "July"), or a sentence's first word when a known name
    /// follows it ("Neighbouring Burkina Faso"), or an adverb or participle opening a sentence ("Strategically").
    /// </summary>
    private bool SkipsAsNotAName(int i)
    {
        var key = keys[i]!;
        if (lexicons.NotNames.Contains(key))
        {
            return true;
        }

        if (!tokens[i].SentenceStart || lexicons.GivenNames.Contains(key) || tokens[i].Shape == TokenShape.AllCaps)
        {
            return false;
        }

        return key.Length > 5 && (key.EndsWith("ly", StringComparison.Ordinal) || key.EndsWith("ing", StringComparison.Ordinal))
            || i + 1 < tokens.Count && tokens[i + 1].IsWord && tokens[i + 1].IsCapitalised && GazetteerAt(i + 1) is { Known: not null };
    }

    /// <summary>"von der Leyen", "del Castillo", "bin Salman": a lower-case particle opening a name mid-sentence.</summary>
    private bool StartsParticleName(int i)
    {
        if (keys[i] is not ("von" or "van" or "der" or "del" or "de" or "della" or "di" or "da" or "dos" or "das" or "bin" or "ibn" or "du" or "le"))
        {
            return false;
        }

        var k = i + 1;
        while (k < tokens.Count && tokens[k].IsWord && !tokens[k].IsCapitalised && keys[k] is "der" or "la" or "los" or "las" or "den")
        {
            k++;
        }

        return k < tokens.Count && tokens[k].IsWord && tokens[k].Shape == TokenShape.Capitalised && !tokens[k].SentenceStart && GazetteerAt(k) is null;
    }

    private bool IsHeadWord(string key) =>
        lexicons.OrgWords.Contains(key) || lexicons.GpeWords.Contains(key) || lexicons.LocationWords.Contains(key) || lexicons.EventWords.Contains(key);

    private static bool IsEventStart(string key) => key is "battle" or "siege" or "operation" or "fall" or "liberation";

    private bool WordsCapitalised(int first, int last)
    {
        for (var k = first; k <= last; k++)
        {
            if (!tokens[k].IsWord || (!tokens[k].IsCapitalised && keys[k] is not ("of" or "the" or "and" or "for" or "on" or "al" or "el" or "bin" or "de" or "la" or "in")))
            {
                return false;
            }
        }

        return true;
    }

    private bool MatchesExactly(int first, string[] exact)
    {
        for (var k = 0; k < exact.Length; k++)
        {
            if (!tokens[first + k].Text(text).SequenceEqual(exact[k]))
            {
                return false;
            }
        }

        return true;
    }

    private string? KeyAt(int index) => index < tokens.Count && tokens[index].IsWord ? keys[index] : null;
}
