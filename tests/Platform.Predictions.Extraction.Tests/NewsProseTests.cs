using Platform.Entities.Recognition;
using Platform.Entities.Recognition.Lexicon;
using Xunit.Abstractions;

namespace Platform.Predictions.Extraction.Tests;

/// <summary>
/// The failure classes found on real news prose (issue 22), on sentences the team wrote in that style: reported
/// forecasts and their speakers, news deadlines, event dates, plans that are not forecasts, several horizons in
/// one sentence. Each class has a floor on the share of its cases the extractor gets right.
/// </summary>
public sealed class NewsProseTests(ITestOutputHelper output)
{
    private static readonly DateOnly Published = new(2025, 2, 3); // a Monday
    private static readonly EntityRecognizer Recognizer = new(Lexicons.Default);

    /// <summary>A case: the body, the sentence to look at, and what the forecast there should be (null: none).</summary>
    private sealed record Case(string Class, string Body, string Sentence, string? Predictor, string? Deadline);

    private static readonly Case[] Cases =
    [
        // Reported speech: the speaker, not a time phrase, and the fullest name the article gives.
        new("speaker", "Output will slow in 2026, the Harbour Institute forecasts.", "Output", "Harbour Institute", "2026-12-31"),
        new("speaker", "In March, Kestrel Bank forecast that house prices would fall in 2026.", "In March", "Kestrel Bank", "2026-12-31"),
        new("speaker", "On Monday, the Calder Valley Research Unit (CVRU) published its survey. The CVRU said exports would recover next year.",
            "The CVRU", "Calder Valley Research Unit", "2026-12-31"),
        new("speaker", "Dunmore Foods reported a loss. It said margins would improve this year.", "It said", "Dunmore Foods", "2025-12-31"),
        new("speaker", "Retail sales are likely to stall in the first quarter, analysts said.", "Retail", "analysts", "2025-03-31"),
        new("speaker", "\"Prices will keep rising until the summer,\" said Tobias Wren, an economist at Fallow Bank.", "\"Prices", "Tobias Wren", null),
        new("speaker", "Ms Orla Penrose spoke at the conference. \"Growth is slowing. I think the bank will cut rates next month,\" she said.",
            "I think", "Orla Penrose", "2025-03-31"),

        // Deadlines as news writes them.
        new("deadline", "Revenues are likely to be £2bn below target by the end of the tax year.", "Revenues", "author", "2025-04-05"),
        new("deadline", "The chancellor is expected to miss the target in the first half of next year.", "The chancellor", "author", "2026-06-30"),
        new("deadline", "Prototypes are expected to reach developers early next year.", "Prototypes", "author", "2026-03-31"),
        new("deadline", "The court will rule on the appeal tomorrow.", "The court", "author", "2025-02-04"),
        new("deadline", "2026 looks set to be the year of the folding phone.", "2026", "author", "2026-12-31"),
        new("deadline", "The league will start the season in the coming year.", "The league", "author", "2026-02-03"),

        // A coming event dated elsewhere in the article.
        new("event", "The ballot has been called for 14 March. The ruling party is likely to lose seats at the ballot, most pundits say.",
            "The ruling", "most pundits", "2025-03-14"),
        new("event", "The spring Budget is due on 12 March. The chancellor will raise fuel duty in the Budget.", "The chancellor", "author", "2025-03-12"),
        new("event", "The New Harbour Marathon is on Sunday. Mara Quill will win the marathon.", "Mara Quill", "author", "2025-02-09"),

        // Plans and intentions of the speaker are not forecasts.
        new("plan", "Dunmore Foods hopes to double its customers and will try to sign up new stores.", "Dunmore", null, null),
        new("plan", "The company said it would start producing the new engine in May.", "The company", null, null),
        new("plan", "It intends to change the way it reports its pension costs.", "It intends", null, null),
        new("plan", "Fans had every reason to believe they would see her race again.", "Fans", null, null),
    ];

    private static IReadOnlyList<ExtractedForecast> Extract(string body)
    {
        var mentions = Recognizer.Recognize(body).Entities
            .SelectMany(e => e.Mentions.Select(m => new MentionInput(m.Start, m.End, e.CanonicalName, e.CanonicalName, e.Kind))).OrderBy(m => m.Start).ToList();
        return new ForecastExtractor().Extract(new ArticleInput(body, Published, ["Desk Writer"], mentions));
    }

    private static bool Right(Case c)
    {
        var at = c.Body.IndexOf(c.Sentence, StringComparison.Ordinal);
        var found = Extract(c.Body).FirstOrDefault(f => f.Start <= at && at < f.End);
        if (c.Predictor is null)
        {
            return found is null;
        }

        if (found is null)
        {
            return false;
        }

        var speakerRight = c.Predictor == "author" ? !found.Attributed : found.Attributed && ForecastScores.SamePredictor(found.Predictor, c.Predictor);
        return speakerRight && found.Deadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) == c.Deadline;
    }

    [Theory]
    [InlineData("speaker", 0.85)]
    [InlineData("deadline", 0.8)]
    [InlineData("event", 0.5)]
    [InlineData("plan", 0.75)]
    public void NewsClass_MeetsItsFloor(string name, double floor)
    {
        var cases = Cases.Where(c => c.Class == name).ToList();
        var right = cases.Count(Right);
        foreach (var c in cases.Where(c => !Right(c)))
        {
            output.WriteLine($"wrong: {c.Body}");
        }

        output.WriteLine($"{name}: {right}/{cases.Count}");
        Assert.True(right >= floor * cases.Count, $"{name}: {right} of {cases.Count} right, under the floor {floor:P0}");
    }

    [Fact]
    public void SeveralHorizons_GiveOneForecastEach()
    {
        var forecasts = Extract("The fund expects growth of 3.1% this year, slipping to 2.4% in 2026 before recovering to 2.9% in 2027.");
        Assert.Equal(["2025-12-31", "2026-12-31", "2027-12-31"],
            forecasts.Select(f => f.Deadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "none").ToArray());
    }
}
