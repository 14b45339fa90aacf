using Platform.Entities.Recognition.Lexicon;
using Xunit.Abstractions;

namespace Platform.Entities.Recognition.Tests;

/// <summary>
/// The recogniser's quality on the team's annotated corpus. "dev" is what the rules were tuned on; "holdout"
/// was written separately and never read while tuning, so its figures are the honest ones. The floors sit a
/// little under the measured figures (README, "Entity service") so that a rule change that costs quality fails.
/// </summary>
public sealed class CorpusEvaluationTests(ITestOutputHelper output)
{
    private static readonly EntityRecognizer Recognizer = new(Lexicons.Default);

    [Fact]
    public async Task Dev_MeetsTheFloors()
    {
        var scores = await EvaluateAsync("dev");
        Assert.True(scores.Gold >= 600, $"the dev corpus should hold at least 600 gold mentions, has {scores.Gold}");
        Assert.True(scores.F1 >= 0.94, $"mention F1 {scores.F1:F3} is under the floor");
        Assert.True(scores.LinkF1 >= 0.97, $"linking F1 {scores.LinkF1:F3} is under the floor");
    }

    [Fact]
    public async Task Holdout_MeetsTheFloors()
    {
        var scores = await EvaluateAsync("holdout");
        Assert.True(scores.Gold >= 250, $"the holdout corpus should hold at least 250 gold mentions, has {scores.Gold}");
        Assert.True(scores.F1 >= 0.91, $"mention F1 {scores.F1:F3} is under the floor");
        Assert.True(scores.LinkF1 >= 0.97, $"linking F1 {scores.LinkF1:F3} is under the floor");
    }

    private async Task<EntityScores> EvaluateAsync(string part)
    {
        var documents = AnnotatedCorpus.Load(part);
        var scores = await EntityScores.EvaluateAsync(Recognizer, documents);
        output.WriteLine($"{part}: {documents.Count} documents; {scores}");
        if (part == "dev")
        {
            foreach (var error in scores.Errors)
            {
                output.WriteLine(error);
            }
        }

        return scores;
    }
}
