using Platform.Entities.Recognition;

namespace Platform.Entities.Grpc;

/// <summary>
/// How well a name key answers a search key, from 0 (not at all) to 1 (the same name): exact, then prefix
/// ("abad" → "abadi"), then a word of a longer name ("abadi" → "haider abadi"), then a spelling or
/// transliteration variant within a small edit distance ("hizbullah" → "hezbollah").
/// </summary>
internal static class EntitySearchScore
{
    public static double Of(string query, string candidate)
    {
        if (candidate == query)
        {
            return 1.0;
        }

        if (candidate.StartsWith(query, StringComparison.Ordinal))
        {
            return 0.9 * query.Length / candidate.Length + 0.05;
        }

        if ((" " + candidate + " ").Contains(" " + query + " ", StringComparison.Ordinal))
        {
            return 0.8;
        }

        if (candidate.Contains(" " + query, StringComparison.Ordinal))
        {
            return 0.6;
        }

        var limit = Math.Max(1, query.Length / 4);
        var distance = NameKey.Distance(query, candidate, limit);
        return distance <= limit ? 0.85 - 0.1 * distance : 0;
    }
}
