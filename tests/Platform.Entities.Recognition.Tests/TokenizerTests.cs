using Platform.Entities.Recognition.Text;

namespace Platform.Entities.Recognition.Tests;

public sealed class TokenizerTests
{
    private static List<string> Words(string text) =>
        Tokenizer.Tokenize(text).Where(t => t.IsWord).Select(t => t.Text(text).ToString()).ToList();

    [Fact]
    public void Names_KeepInnerHyphensAndApostrophes_ButNotThePossessive()
    {
        Assert.Equal(["Haider", "al-Abadi", "and", "Shi'ite", "Abadi", "s", "men"], Words("Haider al-Abadi and Shi'ite Abadi's men"));
    }

    [Fact]
    public void DottedAcronyms_AreOneToken_AndDoNotEndTheSentence()
    {
        var text = "The U.S. envoy met U.N. staff. Then Gen. Farouk left.";
        var tokens = Tokenizer.Tokenize(text).Where(t => t.IsWord).ToList();

        Assert.Equal(["The", "U.S.", "envoy", "met", "U.N.", "staff", "Then", "Gen", "Farouk", "left"], tokens.Select(t => t.Text(text).ToString()));
        Assert.Equal(["The", "Then"], tokens.Where(t => t.SentenceStart).Select(t => t.Text(text).ToString()));
    }

    [Fact]
    public void Hyphens_SplitNamesFromCommonSuffixes_AndNamesFromNames()
    {
        Assert.Equal(["US", "led", "Shia", "Sunni", "ISIS-K", "Jae-in", "al-Qaeda"], Words("US-led Shia-Sunni ISIS-K Jae-in al-Qaeda"));
    }

    [Fact]
    public void Shapes_TellNamesAcronymsAndParticleNames()
    {
        var text = "Mosul PMU al-Abadi the 2016";
        var shapes = Tokenizer.Tokenize(text).Select(t => t.Shape);

        Assert.Equal([TokenShape.Capitalised, TokenShape.AllCaps, TokenShape.ParticleName, TokenShape.Lower, TokenShape.Number], shapes);
    }

    [Fact]
    public void ControlCharacters_SeparateWords_WithoutShiftingOffsets()
    {
        var text = "Erbil\u0000said\u0007Mosul";
        var tokens = Tokenizer.Tokenize(text);

        Assert.Equal([(0, 5), (6, 10), (11, 16)], tokens.Select(t => (t.Start, t.End)));
    }
}
