using System.Text;

namespace Platform.Documents.Text.Internal;

/// <summary>
/// Unicode Normalization Form C (UAX #15 §§ 3, 10–11): canonical decomposition, canonical ordering, canonical
/// composition, with Hangul done algorithmically. The platform runs with InvariantGlobalization, where
/// <see cref="string.Normalize()"/> leaves non-ASCII text unchanged, and a content hash must not depend on a
/// host's ICU anyway, so the library carries its own tables (<see cref="NfcTables"/>). Unpaired surrogates
/// pass through unchanged.
/// </summary>
internal static class Nfc
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    public static string Normalize(string text)
    {
        var tables = NfcTables.Instance;
        if (!CodePoints(text).Any(tables.MayChange))
        {
            return text;
        }

        var buffer = Decompose(text, tables);
        Reorder(buffer, tables);
        Compose(buffer, tables);

        var builder = new StringBuilder(text.Length);
        foreach (var cp in buffer)
        {
            if (cp >= 0x10000)
            {
                builder.Append(char.ConvertFromUtf32(cp));
            }
            else
            {
                builder.Append((char)cp);
            }
        }

        return builder.ToString();
    }

    private static List<int> Decompose(string text, NfcTables tables)
    {
        var buffer = new List<int>(text.Length);
        foreach (var cp in CodePoints(text))
        {
            if (cp is >= SBase and < SBase + SCount)
            {
                var index = cp - SBase;
                buffer.Add(LBase + (index / NCount));
                buffer.Add(VBase + (index % NCount / TCount));
                if (index % TCount != 0)
                {
                    buffer.Add(TBase + (index % TCount));
                }
            }
            else if (tables.Decompositions.TryGetValue(cp, out var parts))
            {
                buffer.AddRange(parts);
            }
            else
            {
                buffer.Add(cp);
            }
        }

        return buffer;
    }

    // Stable sort of each run of non-starters by combining class; a starter (class 0) never moves.
    private static void Reorder(List<int> buffer, NfcTables tables)
    {
        for (var i = 1; i < buffer.Count; i++)
        {
            var ccc = Ccc(buffer[i], tables);
            for (var j = i; ccc != 0 && j > 0 && Ccc(buffer[j - 1], tables) > ccc; j--)
            {
                (buffer[j - 1], buffer[j]) = (buffer[j], buffer[j - 1]);
            }
        }
    }

    // A character joins the last starter unless blocked: something between them has a class of 0 or at least its own.
    private static void Compose(List<int> buffer, NfcTables tables)
    {
        if (buffer.Count == 0)
        {
            return;
        }

        var starterPos = 0;
        var lastClass = Ccc(buffer[0], tables) == 0 ? 0 : 256;
        var outPos = 1;
        for (var i = 1; i < buffer.Count; i++)
        {
            var cp = buffer[i];
            var ccc = Ccc(cp, tables);
            if ((lastClass < ccc || lastClass == 0) && TryCompose(buffer[starterPos], cp, tables, out var composite))
            {
                buffer[starterPos] = composite;
                continue;
            }

            if (ccc == 0)
            {
                starterPos = outPos;
            }

            lastClass = ccc;
            buffer[outPos++] = cp;
        }

        buffer.RemoveRange(outPos, buffer.Count - outPos);
    }

    private static bool TryCompose(int first, int second, NfcTables tables, out int composite)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            composite = SBase + ((((first - LBase) * VCount) + (second - VBase)) * TCount);
            return true;
        }

        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            composite = first + (second - TBase);
            return true;
        }

        return tables.Compositions.TryGetValue(NfcTables.PairKey(first, second), out composite);
    }

    private static int Ccc(int cp, NfcTables tables) => tables.CombiningClasses.GetValueOrDefault(cp);

    private static IEnumerable<int> CodePoints(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                yield return char.ConvertToUtf32(text[i], text[++i]);
            }
            else
            {
                yield return text[i];
            }
        }
    }
}
