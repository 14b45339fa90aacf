using Platform.Entities.Recognition.Text;

namespace Platform.Entities.Recognition.Internal;

/// <summary>
/// Groups a document's candidates into entities:
///   1. gazetteer matches by their gazetteer entry; other typed names of two or more words by type and name key;
///   2. a person's surname ("Abadi", "al-Abadi", "Al Abadi") joins the nearest person before it with that
///      surname (or else the first after it), so a bare surname is never linked without its full name;
///   3. an acronym defined in parentheses ("… Militia (PMM)") joins its long form, and so do its later uses;
///   4. other lone words keep their own type, and untyped ones with no antecedent are dropped.
/// </summary>
internal sealed class DocumentCoreference(string text, List<Token> tokens, string?[] keys)
{
    private readonly List<DocumentEntity> _entities = [];
    private readonly Dictionary<string, DocumentEntity> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DocumentEntity> _acronyms = new(StringComparer.Ordinal);
    private readonly List<(int Token, string Surname, DocumentEntity Entity)> _people = [];
    private readonly List<(int Token, string Name, DocumentEntity Entity)> _firstNames = [];

    public List<DocumentEntity> Resolve(List<Candidate> candidates)
    {
        // 1. Names that stand on their own.
        foreach (var candidate in candidates)
        {
            if (candidate.Known is { } known)
            {
                candidate.Entity = Entity($"known:{known.Key}", candidate.Kind!.Value, known.CanonicalName, known);
            }
            else if (candidate.Kind is { } kind && (candidate.TokenCount >= 2 && !IsSurnameOnly(candidate) || kind is not EntityKind.Person && candidate.AcronymToken is not null))
            {
                candidate.Entity = Entity($"{kind}:{NameKey.Name(Text(candidate))}", kind, Text(candidate), null);
            }

            if (candidate.Entity is { Kind: EntityKind.Person } person && candidate.TokenCount >= 2)
            {
                _people.Add((candidate.First, Surname(candidate.Last), person));
                // Family name first ("Kim Jong Un" → "Kim"), or a first-name reference ("Lena" after "Lena Marsh").
                _firstNames.Add((candidate.First, Surname(candidate.First), person));
            }

            if (candidate.Entity is { } defined && candidate.AcronymToken is { } acronym)
            {
                _acronyms.TryAdd(tokens[acronym].Text(text).ToString(), defined);
            }
        }

        // 2–4. Short forms.
        foreach (var candidate in candidates)
        {
            if (candidate.Entity is not null)
            {
                continue;
            }

            var surface = Text(candidate);
            if (candidate.TokenCount == 1 && _acronyms.TryGetValue(surface, out var expanded))
            {
                candidate.Entity = expanded;
            }
            else if (candidate.Kind is null or EntityKind.Person && NearestPerson(candidate) is { } person)
            {
                candidate.Entity = person;
            }
            else if (candidate.Kind is { } kind)
            {
                candidate.Entity = Entity($"{kind}:{NameKey.Name(surface)}", kind, surface, null);
            }
        }

        foreach (var candidate in candidates)
        {
            if (candidate.Entity is { } entity)
            {
                var start = tokens[candidate.First].Start;
                var end = tokens[candidate.Last].End;
                entity.Mentions.Add(new RecognizedMention(start, end, text[start..end]));
                if (entity.Known is null && candidate.TokenCount > CountWords(entity.CanonicalName))
                {
                    entity.CanonicalName = text[start..end];
                }
            }
        }

        return _entities;
    }

    private DocumentEntity Entity(string key, EntityKind kind, string name, Lexicon.GazetteerEntity? known)
    {
        if (!_byKey.TryGetValue(key, out var entity))
        {
            entity = new DocumentEntity(kind, name, known);
            _byKey[key] = entity;
            _entities.Add(entity);
        }

        return entity;
    }

    /// <summary>"Al Abadi" is a surname with its article, not a full name.</summary>
    private bool IsSurnameOnly(Candidate candidate) =>
        candidate.TokenCount == 2 && keys[candidate.First] is "al" or "el";

    private DocumentEntity? NearestPerson(Candidate candidate)
    {
        var surname = NameKey.Name(Text(candidate));
        return surname.Length == 0 ? null : NearestPerson(candidate, surname, _people) ?? NearestPerson(candidate, surname, _firstNames);
    }

    private static DocumentEntity? NearestPerson(Candidate candidate, string surname, List<(int Token, string Name, DocumentEntity Entity)> people)
    {
        DocumentEntity? after = null;
        for (var k = people.Count - 1; k >= 0; k--)
        {
            var (token, name, entity) = people[k];
            if (name != surname)
            {
                continue;
            }

            if (token < candidate.First)
            {
                return entity;
            }

            after = entity;
        }

        return after;
    }

    private string Surname(int lastToken) => NameKey.Name(tokens[lastToken].Text(text).ToString());

    private string Text(Candidate candidate) => text[tokens[candidate.First].Start..tokens[candidate.Last].End];

    private static int CountWords(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
