using System.Text;
using Platform.Documents.Text.Internal;

namespace Platform.Documents.Text.Tests;

/// <summary>The library's NFC against ICU's (string.Normalize, available because this project disables invariant globalization).</summary>
public sealed class NfcTests
{
    [Fact]
    public void Normalize_IcuAvailable_OracleWorks()
    {
        // Without ICU (invariant globalization) this returns its input, and the comparisons below would prove nothing.
        Assert.Equal("\u00E9", "e\u0301".Normalize(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("e\u0301", "\u00E9")]
    [InlineData("A\u030A", "\u00C5")]
    [InlineData("\u212B", "\u00C5")]
    [InlineData("s\u0307\u0323", "\u1E69")]
    [InlineData("\u1100\u1161\u11A8", "\uAC01")]
    [InlineData("\u0958", "\u0915\u093C")]
    [InlineData("q\u0307\u0323", "q\u0323\u0307")]
    [InlineData("ASCII only", "ASCII only")]
    [InlineData("", "")]
    [InlineData("\uD800 lone", "\uD800 lone")]
    public void Normalize_KnownCases_MatchesUax15(string input, string expected)
    {
        Assert.Equal(expected, Nfc.Normalize(input));
    }

    [Fact]
    public void Normalize_EveryCodePointAloneAndInContext_MatchesIcu()
    {
        var mismatches = new List<string>();
        for (var cp = 0; cp <= 0x10FFFF && mismatches.Count < 20; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            var c = char.ConvertFromUtf32(cp);
            foreach (var text in new[] { c, "a" + c, c + "\u0301", c + "\u0323\u0307", "\u1100" + c })
            {
                if (Nfc.Normalize(text) != IcuNfc(text))
                {
                    mismatches.Add($"U+{cp:X4} in '{Escape(text)}'");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Normalize_RandomMarkSequences_MatchIcu()
    {
        int[] pool =
        [
            'a', 'e', 'o', 'u', 'A', 'O', 's', 'q', 0x00E9, 0x00C5, 0x0300, 0x0301, 0x0302, 0x0303, 0x0307, 0x0308,
            0x030A, 0x0323, 0x0327, 0x0328, 0x0345, 0x0344, 0x0F73, 0x0F71, 0x0F72, 0x0F74, 0x05B0, 0x05BC, 0x0915,
            0x093C, 0x0B47, 0x0B3E, 0x0B57, 0x1100, 0x1161, 0x11A8, 0xAC00, 0x1E63, 0x1F00, 0x0391, 0x03B9, 0x0313,
            0x1D15E, 0x1D165, 0x1D16E, 0x0CC6, 0x0CC2, 0x0CD5, 0x3099, 0x304B, 0x309A,
        ];
        var random = new Random(20161103);
        for (var i = 0; i < 20_000; i++)
        {
            var builder = new StringBuilder();
            for (var n = random.Next(1, 9); n > 0; n--)
            {
                builder.Append(char.ConvertFromUtf32(pool[random.Next(pool.Length)]));
            }

            var text = builder.ToString();
            Assert.True(text.Normalize(NormalizationForm.FormC) == Nfc.Normalize(text), Escape(text));
        }
    }

    // .NET refuses to normalise noncharacters (U+FFFE, U+nFFFF, …); both forms leave them unchanged.
    private static string IcuNfc(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return Nfc.Normalize(text);
        }
    }

    private static string Escape(string text) => string.Concat(text.EnumerateRunes().Select(r => $"\\u{r.Value:X4}"));
}
