using System.Diagnostics.CodeAnalysis;

namespace Platform.Documents.Text.Internal;

/// <summary>
/// Decides whether a short phrase looks like one person's name: two to four capitalised words (initials and
/// lower-case particles such as "al" or "van" allowed inside), after dropping honorifics, with no word that
/// marks a place, an organisation, an office or an ordinary sentence start.
/// </summary>
internal static class PersonNames
{
    public static bool TryRead(string candidate, [NotNullWhen(true)] out string? name)
    {
        name = null;
        var tokens = candidate.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        while (tokens.Count > 0 && NameVocabulary.IsHonorific(tokens[0]))
        {
            tokens.RemoveAt(0);
        }

        if (tokens.Count is < 2 or > 6 || !(IsWord(tokens[0]) || IsInitial(tokens[0])) || !(IsWord(tokens[^1]) || IsParticleCompound(tokens[^1])))
        {
            return false;
        }

        var capitalised = 0;
        foreach (var token in tokens)
        {
            if (NameVocabulary.IsParticle(token) || IsParticleCompound(token))
            {
                capitalised += IsParticleCompound(token) ? 1 : 0;
                continue;
            }

            if (!(IsWord(token) || IsInitial(token)) || token.TrimEnd('.').Split('-').Any(NameVocabulary.IsNotAName))
            {
                return false;
            }

            capitalised++;
        }

        if (capitalised is < 2 or > 4)
        {
            return false;
        }

        name = string.Join(' ', tokens);
        return true;
    }

    /// <summary>"Jane", "O'Brien", "McAllister", "Jean-Luc", "Jr." — capitalised parts with a lower-case letter.</summary>
    private static bool IsWord(string token)
    {
        var word = token.EndsWith('.') ? token[..^1] : token;
        if (word.Length < 2)
        {
            return false;
        }

        foreach (var part in word.Split('-'))
        {
            if (part.Length == 0 || !char.IsUpper(part[0]) || !part.Any(char.IsLower)
                || !part.All(c => char.IsLetter(c) || c is '\'' or '’'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"J", "J.", "J.R.".</summary>
    private static bool IsInitial(string token) =>
        token.Length is >= 1 and <= 6 && char.IsUpper(token[0])
        && token.All(c => c == '.' || char.IsUpper(c)) && (token.Length == 1 || token.Count(c => c == '.') == token.Count(char.IsUpper));

    /// <summary>"al-Abadi", "el-Sisi", "bin-Salman": a particle joined to a capitalised name.</summary>
    private static bool IsParticleCompound(string token)
    {
        var dash = token.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && NameVocabulary.IsParticle(token[..dash]) && IsWord(token[(dash + 1)..]);
    }
}
