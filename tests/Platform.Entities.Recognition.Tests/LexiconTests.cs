using Platform.Entities.Recognition.Lexicon;

namespace Platform.Entities.Recognition.Tests;

public sealed class LexiconTests
{
    [Fact]
    public void UserGazetteer_AddsEntitiesAndAliases_ToTheShippedOnes()
    {
        var folder = Directory.CreateTempSubdirectory("gazetteer-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "local.tsv"), "# local names\nORG\tTigris Policy Institute\tTPI\nORG\tIslamic State\tDawla\n");
            var recognizer = new EntityRecognizer(Lexicons.LoadWith(folder));

            var result = recognizer.Recognize("Analysts at the TPI said Dawla was weaker. Islamic State denied it.");

            var tpi = Assert.Single(result.Entities, e => e.CanonicalName == "Tigris Policy Institute");
            Assert.Equal(EntityKind.Org, tpi.Kind);
            var state = Assert.Single(result.Entities, e => e.CanonicalName == "Islamic State");
            Assert.Equal(2, state.Mentions.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("ORG Tigris Policy Institute", "bad.tsv line 2")]
    [InlineData("PLANET\tMars\t", "TYPE one of PERSON, ORG, GPE, LOC, NORP, EVENT")]
    public void BadGazetteerLine_IsReportedWithFileAndLine(string line, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("gazetteer-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "bad.tsv"), "# comment\n" + line + "\n");

            var error = Assert.Throws<LexiconFormatException>(() => Lexicons.Load([folder]));

            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void MissingFolder_IsReportedByName()
    {
        var error = Assert.Throws<LexiconFormatException>(() => Lexicons.Load(["/nonexistent/gazetteer"]));
        Assert.Contains("/nonexistent/gazetteer", error.Message, StringComparison.Ordinal);
    }
}
