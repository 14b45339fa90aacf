using Platform.Entities.Recognition;
using Platform.Entities.Recognition.Lexicon;

namespace Platform.Predictions.Extraction.Tests;

/// <summary>The cases the issue names, one by one.</summary>
public sealed class ExtractorTests
{
    private static readonly DateOnly Published = new(2016, 10, 17);
    private static readonly EntityRecognizer Recognizer = new(Lexicons.Default);

    private static IReadOnlyList<ExtractedForecast> Extract(string body, string author = "Lena Marsh")
    {
        var mentions = Recognizer.Recognize(body).Entities
            .SelectMany(e => e.Mentions.Select(m => new MentionInput(m.Start, m.End, e.CanonicalName, e.CanonicalName, e.Kind))).OrderBy(m => m.Start).ToList();
        return new ForecastExtractor().Extract(new ArticleInput(body, Published, [author], mentions));
    }

    [Theory]
    [InlineData("One million people could be displaced.", ProbabilityBand.May)]
    [InlineData("IS will likely return to clandestine guerrilla warfare.", ProbabilityBand.Likely)]
    [InlineData("There is every reason to believe the militias will stay.", ProbabilityBand.VeryLikely)]
    [InlineData("The offensive will not bring about the end of the suffering.", ProbabilityBand.Will)]
    [InlineData("A negotiated settlement is unlikely to hold.", ProbabilityBand.Unlikely)]
    [InlineData("The city is bound to fall.", ProbabilityBand.Certain)]
    [InlineData("The army is set to enter the old city.", ProbabilityBand.Likely)]
    public void Hedges_MapToTheirBand(string sentence, ProbabilityBand band)
    {
        var forecast = Assert.Single(Extract(sentence));
        Assert.Equal(band, forecast.Band);
        Assert.Equal(ProbabilityScale.Default[band], forecast.Probability);
    }

    [Theory]
    [InlineData("Will Baghdad pay the salaries?")]
    [InlineData("Washington must act now.")]
    [InlineData("The government should pay the salaries.")]
    [InlineData("Had the army moved earlier, it would have won.")]
    [InlineData("We hope that peace will come.")]
    [InlineData("I will argue that the war is lost.")]
    [InlineData("The conference will be held in Erbil.")]
    [InlineData("The army entered Mosul in 2017.")]
    [InlineData("It would be a mistake to withdraw.")]
    [InlineData("The river is low and the bridges are down.")]
    public void NotForecasts_AreRejected(string sentence) => Assert.Empty(Extract(sentence));

    [Fact]
    public void ConditionalForecast_KeepsItsCondition()
    {
        var forecast = Assert.Single(Extract("Should the offensive stall, the battle could turn into a slow and costly urban war."));

        Assert.Equal("Should the offensive stall", forecast.Condition);
        Assert.Equal("The battle will turn into a slow and costly urban war", forecast.Claim);
    }

    [Fact]
    public void ReportedForecast_GoesToTheSpeaker_ByTheirFullName()
    {
        var forecasts = Extract("Qais al-Khazali leads the militia. Khazali vowed that his fighters would enter Tal Afar.");

        var forecast = Assert.Single(forecasts);
        Assert.Equal("Qais al-Khazali", forecast.Predictor);
        Assert.True(forecast.Attributed);
    }

    [Fact]
    public void AuthorsOwnForecast_GoesToTheAuthor()
    {
        var forecast = Assert.Single(Extract("The Hashd is likely to remain in Nineveh until June 2017."));

        Assert.Equal(("Lena Marsh", false), (forecast.Predictor, forecast.Attributed));
        Assert.Equal(new DateOnly(2017, 6, 30), forecast.Deadline);
    }

    [Theory]
    [InlineData("Prices will rise by the end of 2017.", "2017-12-31")]
    [InlineData("Prices will rise next year.", "2017-12-31")]
    [InlineData("Prices will rise within six months.", "2017-04-17")]
    [InlineData("Prices will rise in the coming weeks.", "2016-11-28")]
    [InlineData("Prices will rise by June.", "2017-06-30")]
    [InlineData("Prices will rise next month.", "2016-11-30")]
    [InlineData("Prices will rise within a year.", "2017-10-17")]
    [InlineData("Prices will rise within months.", "2017-04-17")]
    [InlineData("Prices will rise by the end of the decade.", "2019-12-31")]
    [InlineData("Prices will rise in the next three years.", "2019-10-17")]
    [InlineData("Prices will rise soon.", null)]
    [InlineData("Prices will rise once the war ends.", null)]
    public void Horizons_BecomeDeadlines_AgainstThePublicationDate(string sentence, string? deadline)
    {
        var forecast = Assert.Single(Extract(sentence));

        Assert.Equal(deadline is null ? null : DateOnly.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture), forecast.Deadline);
        Assert.Equal(forecast.Deadline ?? Published.AddDays(365), forecast.ReviewDate);
    }

    [Fact]
    public void RepeatedClaim_YieldsOneForecast()
    {
        var forecasts = Extract("The militias will turn on each other. In short, the militias will turn on each other.");

        Assert.Single(forecasts);
    }

    [Fact]
    public void Sentences_SplitAroundAbbreviationsAndQuotes()
    {
        var body = "Dr. Haddad met Gen. Farouk on Nov. 3 in the U.S. capital. \"It will fail,\" he said. Then they left.";

        var sentences = SentenceSplitter.Split(body).Select(s => s.Text(body)).ToList();

        Assert.Equal(["Dr. Haddad met Gen. Farouk on Nov. 3 in the U.S. capital.", "\"It will fail,\" he said.", "Then they left."], sentences);
    }
}
