namespace Platform.Predictions.Extraction.Tests;

/// <summary>
/// The hedge reader skips its two cue patterns on a sentence without a cue stem (<see cref="HedgeReader.MayHoldCue"/>).
/// That shortcut must never hide a cue: every phrase either pattern accepts, and every corpus sentence either
/// matches, holds a stem.
/// </summary>
public sealed class CueStemTests
{
    // One phrase per alternative of the two patterns, in their order.
    public static readonly TheoryData<string> CuePhrases =
    [
        "it will rain", "it won't rain", "it would rain", "it wouldn't rain", "we shall see", "it could rain", "it may rain", "it might rain",
        "rain is likely", "rain is unlikely", "it will probably rain", "rain is improbable", "it is a toss-up", "there is no chance",
        "an even chance", "it is doubtful", "it is certain", "rain is inevitable", "inevitably it rains", "he expects that it rains",
        "rain is expected to fall", "he expects the rain to fall", "she expect rates to rise", "rain is set to fall", "poised to win",
        "bound to fail", "certain to fall", "sure to win", "going to fall", "it threatens to fall", "they threaten to strike",
        "it threatened to fall", "it portends a fall", "it portend ruin", "he predicts a fall", "they predict a fall", "he predicted a fall",
        "a forecast of rain", "she forecasts rain", "every reason to expect it", "on course to win", "on track to win",
        "in all likelihood", "he stands to gain", "they stand to gain", "she'll win", "RAIN WILL FALL",
        "the bank is projecting growth", "it projects growth", "it project growth", "growth projected to slow", "the bank is forecasting growth",
        "the bank expects growth", "they expect growth", "the bank is expecting growth", "it anticipates growth", "they anticipate growth",
        "tipped to win", "favourites to win", "favorites to win", "betting on a cut", "I am confident", "we're confident",
        "it risks losing", "they risk failing", "growth is expected in May", "growth should continue", "prices should pick up",
        "I think that the team can win", "we believe prices can fall", "he believes the team can win", "she expects we can win",
        "confident that we can win", "a 50/50 call", "it is fifty-fifty", "it is inconceivable", "much less certain",
    ];

    [Theory]
    [MemberData(nameof(CuePhrases))]
    public void Every_cue_phrase_holds_a_stem(string phrase)
    {
        Assert.True(HedgeReader.Cue().IsMatch(phrase) || HedgeReader.NewsCue().IsMatch(phrase), $"not a cue phrase: {phrase}");
        Assert.True(HedgeReader.MayHoldCue(phrase), phrase);
    }

    [Fact]
    public void Every_corpus_sentence_with_a_cue_holds_a_stem()
    {
        var cued = 0;
        foreach (var document in ForecastCorpus.Load("dev").Concat(ForecastCorpus.Load("holdout")))
        {
            foreach (var sentence in SentenceSplitter.Split(document.Body))
            {
                var text = sentence.Text(document.Body);
                if (HedgeReader.Cue().IsMatch(text) || HedgeReader.NewsCue().IsMatch(text))
                {
                    cued++;
                    Assert.True(HedgeReader.MayHoldCue(text), text);
                }
            }
        }

        Assert.True(cued > 100, $"only {cued} sentences with a cue");
    }

    [Fact]
    public void A_sentence_without_a_stem_is_passed_over()
    {
        Assert.False(HedgeReader.MayHoldCue("The minister met the delegation in Paris on Tuesday."));
        Assert.True(HedgeReader.MayHoldCue("Prices WILL fall."));
        Assert.True(HedgeReader.MayHoldCue("Rain is li\u212Aely.")); // the patterns read the Kelvin sign as "k"
    }
}
