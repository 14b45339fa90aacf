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
        ["bin", "ibn", "bint", "al", "el", "de", "del", "la", "da", "do", "dos", "das", "van", "von", "der", "den", "di", "du", "le", "y", "abu", "ben", "ul", "ud"],
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
            if (!token.IsWord || !token.IsCapitalised)
            {
                afterTitle &= !token.IsWord && token.Length == 1 && text[token.Start] == '.'; // "Gen." keeps the cue
                i++;
                continue;
            }

            var title = TitleLength(i);
            if (title > 0 && NextWordIsName(i + title))
            {
                afterTitle = true;
                i += title;
                continue;
            }

            if (keys[i] is { } key && lexicons.NotNames.Contains(key) && !lexicons.Entities.Starts(key))
            {
                i++;
                continue;
            }

            var candidate = GazetteerAt(i) ?? RunAt(i);
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

            // "Mosul University", "Tigris Policy Institute": a longer name built on a known place or people.
            var run = RunAt(i);
            if (run.Last > last && form.Entity.Kind is not EntityKind.Person and not EntityKind.Org
                && keys[run.Last] is { } head && (lexicons.OrgWords.Contains(head) || lexicons.LocationWords.Contains(head) || lexicons.EventWords.Contains(head)))
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
        while (j < tokens.Count && tokens[j].IsWord)
        {
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
            var connector = PhraseConnectors.Contains(key) && (orgHeaded || IsHeadWord(keys[last] ?? "") || IsEventStart(keys[i] ?? ""));
            if (!particle && !connector)
            {
                break;
            }

            k++;
            while (k < tokens.Count && tokens[k].IsWord && keys[k] is { } next && (NameParticles.Contains(next) || next == "the") && !tokens[k].IsCapitalised)
            {
                k++;
            }

            if (k >= tokens.Count || !tokens[k].IsWord || !tokens[k].IsCapitalised)
            {
                break;
            }

            j = k;
        }

        return new Candidate(i, last);
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
