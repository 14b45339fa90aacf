using Xunit.Abstractions;

namespace Platform.Predictions.Extraction.Tests;

/// <summary>
/// The extractor's quality on the team's forecast corpus. "dev" is what the rules were tuned on; "holdout" was
/// written separately and never read while tuning. The floors sit a little under the measured figures (README,
/// "Prediction extraction") so that a rule change that costs quality fails.
/// </summary>
public sealed class CorpusEvaluationTests(ITestOutputHelper output)
{
    private static readonly ForecastExtractor Extractor = new();

    [Fact]
    public void Dev_MeetsTheFloors() => AssertFloors("dev", minimumGold: 150, f1: 0.95, band: 0.95, deadlines: 0.95, attribution: 0.95);

    [Fact]
    public void Holdout_MeetsTheFloors() => AssertFloors("holdout", minimumGold: 90, f1: 0.88, band: 0.95, deadlines: 0.90, attribution: 0.90);

    private void AssertFloors(string part, int minimumGold, double f1, double band, double deadlines, double attribution)
    {
        var documents = ForecastCorpus.Load(part);
        var scores = ForecastScores.Evaluate(Extractor, documents);
        output.WriteLine($"{part}: {documents.Count} documents; {scores}");
        if (part == "dev")
        {
            foreach (var error in scores.Errors)
            {
                output.WriteLine(error);
            }
        }

        Assert.True(scores.Gold >= minimumGold, $"{part} should hold at least {minimumGold} gold forecasts, has {scores.Gold}");
        Assert.True(scores.F1 >= f1, $"detection F1 {scores.F1:F3} is under the floor {f1}");
        Assert.True(scores.BandAgreement >= band, $"band agreement {scores.BandAgreement:P1} is under the floor {band:P0}");
        Assert.True(scores.DeadlineExactness >= deadlines, $"deadline exactness {scores.DeadlineExactness:P1} is under the floor {deadlines:P0}");
        Assert.True(scores.AttributionAccuracy >= attribution, $"attribution accuracy {scores.AttributionAccuracy:P1} is under the floor {attribution:P0}");
    }
}
