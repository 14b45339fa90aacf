using Platform.Entities.Recognition.Internal;
using Platform.Entities.Recognition.Lexicon;
using Platform.Entities.Recognition.Text;

namespace Platform.Entities.Recognition;

/// <summary>
/// Finds the people, organisations, places, groups and events named in one English text. Thread-safe; one
/// instance per set of lexicons. The steps:
///   1. refuse what it cannot read (empty, not English) with a reason instead of guessing;
///   2. tokenise, with sentence starts (<see cref="Tokenizer"/>);
///   3. find candidate names: titles, gazetteer phrases, capitalised runs (<see cref="Chunker"/>);
///   4. note acronyms defined in parentheses right after a name;
///   5. type the candidates the gazetteer did not know (<see cref="ChunkClassifier"/>);
///   6. group them into the document's entities: surnames, acronyms, repeats (<see cref="DocumentCoreference"/>).
/// </summary>
public sealed class EntityRecognizer(Lexicons lexicons)
{
    public Lexicons Lexicons { get; } = lexicons;

    public RecognitionResult Recognize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // 1.
        if (string.IsNullOrWhiteSpace(text))
        {
            return new RecognitionResult([], 0, "empty text: nothing to extract");
        }

        if (LanguageCheck.Problem(text) is { } problem)
        {
            return new RecognitionResult([], CountWords(text), problem);
        }

        // 2.
        var tokens = Tokenizer.Tokenize(text);
        var keys = new string?[tokens.Count];
        var words = 0;
        for (var k = 0; k < tokens.Count; k++)
        {
            if (tokens[k].IsWord)
            {
                words++;
                keys[k] = tokens[k].IsCapitalised || tokens[k].Length <= 4 ? NameKey.Token(tokens[k].Text(text)) : LowerKey(text, tokens[k]);
            }
        }

        // 3.
        var candidates = new Chunker(Lexicons, text, tokens, keys).Run();

        // 4.
        for (var c = 0; c + 1 < candidates.Count; c++)
        {
            var acronym = candidates[c + 1];
            if (acronym.TokenCount == 1 && tokens[acronym.First].Shape == TokenShape.AllCaps && IsParenthesised(tokens, text, acronym.First)
                && acronym.First == candidates[c].Last + 2)
            {
                candidates[c].AcronymToken = acronym.First;
                if (acronym.Known is null)
                {
                    acronym.Kind = null; // it takes its long form's entity
                }
            }
        }

        // 5.
        var classifier = new ChunkClassifier(Lexicons, text, tokens, keys);
        foreach (var candidate in candidates)
        {
            if (candidate.Known is null && !(candidate.TokenCount == 1 && IsParenthesised(tokens, text, candidate.First) && candidate.Kind is null))
            {
                classifier.Classify(candidate);
            }
        }

        foreach (var candidate in candidates)
        {
            if (candidate.AcronymToken is not null && candidate.Kind is null)
            {
                candidate.Kind = EntityKind.Org; // "Popular Mobilisation Militia (PMM)": a defined acronym names an organisation
            }
        }

        // 6.
        var entities = new DocumentCoreference(text, tokens, keys).Resolve(candidates);
        return new RecognitionResult(entities, words, null);
    }

    private static bool IsParenthesised(List<Token> tokens, string text, int index) =>
        index > 0 && index + 1 < tokens.Count && text[tokens[index - 1].Start] == '(' && text[tokens[index + 1].Start] == ')';

    /// <summary>Lower-case words are compared only as connectors and context, so plain ASCII lower-casing suffices.</summary>
    private static string LowerKey(string text, Token token) => NameKey.Token(token.Text(text));

    private static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
