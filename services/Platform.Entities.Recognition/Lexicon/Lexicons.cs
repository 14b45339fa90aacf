using System.Collections.Frozen;
using Platform.Entities.Recognition.Text;

namespace Platform.Entities.Recognition.Lexicon;

/// <summary>
/// Everything the recogniser knows before it reads a text: the gazetteer entities and the word lists, read
/// from the folders given (the shipped <c>Gazetteer</c> folder first, then the user's). Immutable once
/// loaded, shared by all threads.
/// </summary>
public sealed class Lexicons
{
    private static readonly Lazy<Lexicons> Shipped = new(() => Load([DefaultDirectory]));

    private Lexicons(PhraseTrie<GazetteerForm> entities, PhraseTrie<bool> titles, IReadOnlyList<GazetteerEntity> entityList,
        Dictionary<string, FrozenSet<string>> words)
    {
        Entities = entities;
        Titles = titles;
        EntityList = entityList;
        GivenNames = words.GetValueOrDefault("given-names") ?? FrozenSet<string>.Empty;
        OrgWords = words.GetValueOrDefault("org-words") ?? FrozenSet<string>.Empty;
        LocationWords = words.GetValueOrDefault("location-words") ?? FrozenSet<string>.Empty;
        GpeWords = words.GetValueOrDefault("gpe-words") ?? FrozenSet<string>.Empty;
        EventWords = words.GetValueOrDefault("event-words") ?? FrozenSet<string>.Empty;
        NotNames = words.GetValueOrDefault("not-names") ?? FrozenSet<string>.Empty;
    }

    /// <summary>The folder shipped next to the binaries.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "Gazetteer");

    /// <summary>The shipped lexicons, loaded once.</summary>
    public static Lexicons Default => Shipped.Value;

    public IReadOnlyList<GazetteerEntity> EntityList { get; }

    internal PhraseTrie<GazetteerForm> Entities { get; }

    internal PhraseTrie<bool> Titles { get; }

    internal FrozenSet<string> GivenNames { get; }

    internal FrozenSet<string> OrgWords { get; }

    internal FrozenSet<string> LocationWords { get; }

    internal FrozenSet<string> GpeWords { get; }

    internal FrozenSet<string> EventWords { get; }

    internal FrozenSet<string> NotNames { get; }

    /// <summary>Reads every <c>*.tsv</c> and <c>*.txt</c> file of the folders, in order; missing folders are an error.</summary>
    public static Lexicons Load(IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var entities = new PhraseTrie<GazetteerForm>();
        var titles = new PhraseTrie<bool>();
        var entityList = new List<GazetteerEntity>();
        var byKey = new Dictionary<string, GazetteerEntity>(StringComparer.Ordinal);
        var words = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                throw new LexiconFormatException($"Gazetteer folder '{directory}' does not exist.");
            }

            foreach (var file in Directory.GetFiles(directory, "*.tsv").Order(StringComparer.Ordinal))
            {
                foreach (var entity in ReadEntities(file))
                {
                    // A later file may add aliases to an entity an earlier one defined.
                    var merged = byKey.TryGetValue(entity.Key, out var known)
                        ? known with { Aliases = [.. known.Aliases, .. entity.Aliases] }
                        : entity;
                    byKey[entity.Key] = merged;
                    foreach (var form in entity.Aliases.Prepend(entity.CanonicalName).Distinct(StringComparer.Ordinal))
                    {
                        AddForm(entities, merged, form);
                    }
                }
            }

            foreach (var file in Directory.GetFiles(directory, "*.txt").Order(StringComparer.Ordinal))
            {
                var list = Path.GetFileNameWithoutExtension(file);
                foreach (var line in ReadLines(file))
                {
                    if (list == "titles")
                    {
                        titles.Add(TokenKeys(line.Text), true);
                    }
                    else
                    {
                        if (!words.TryGetValue(list, out var set))
                        {
                            words[list] = set = new HashSet<string>(StringComparer.Ordinal);
                        }

                        set.Add(NameKey.Token(line.Text));
                    }
                }
            }
        }

        entityList.AddRange(byKey.Values);
        return new Lexicons(entities, titles, entityList, words.ToDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.Ordinal)));
    }

    /// <summary>The shipped lexicons plus the user's folder, when given.</summary>
    public static Lexicons LoadWith(string? extraDirectory) =>
        string.IsNullOrWhiteSpace(extraDirectory) ? Default : Load([DefaultDirectory, extraDirectory]);

    internal static List<string> TokenKeys(string phrase)
    {
        var keys = new List<string>();
        foreach (var token in Tokenizer.Tokenize(phrase))
        {
            if (token.IsWord)
            {
                keys.Add(NameKey.Token(token.Text(phrase)));
            }
        }

        return keys;
    }

    private static void AddForm(PhraseTrie<GazetteerForm> trie, GazetteerEntity entity, string form)
    {
        var tokens = Tokenizer.Tokenize(form).Where(t => t.IsWord).ToList();
        if (tokens.Count == 0)
        {
            return;
        }

        // A form written in capitals ("IS", "U.S.") must match in capitals, so the verb "is" never does.
        var exact = tokens.All(t => t.Shape == TokenShape.AllCaps) ? tokens.Select(t => t.Text(form).ToString()).ToArray() : null;
        trie.Add(tokens.Select(t => NameKey.Token(t.Text(form))).ToList(), new GazetteerForm(entity, exact));
    }

    private static IEnumerable<GazetteerEntity> ReadEntities(string file)
    {
        foreach (var (number, text) in ReadLines(file))
        {
            var fields = text.Split('\t');
            if (fields.Length is < 2 or > 3 || !Enum.TryParse<EntityKind>(fields[0], ignoreCase: true, out var kind) || !Enum.IsDefined(kind)
                || fields[1].Trim().Length == 0)
            {
                throw new LexiconFormatException(
                    $"{Path.GetFileName(file)} line {number}: expected 'TYPE<TAB>Canonical name<TAB>alias|alias' with TYPE one of PERSON, ORG, GPE, LOC, NORP, EVENT.");
            }

            var aliases = fields.Length == 3
                ? fields[2].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [];
            yield return new GazetteerEntity(kind, fields[1].Trim(), aliases, Path.GetFileName(file));
        }
    }

    private static IEnumerable<(int Number, string Text)> ReadLines(string file)
    {
        var number = 0;
        foreach (var raw in File.ReadLines(file))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            yield return (number, line.Trim(' '));
        }
    }
}
