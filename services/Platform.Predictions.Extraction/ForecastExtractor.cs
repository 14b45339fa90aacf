using Platform.Entities.Recognition;

namespace Platform.Predictions.Extraction;

/// <summary>
/// Finds the forecasts of one article. Thread-safe. The steps, per sentence:
///   1. split the body into sentences (<see cref="SentenceSplitter"/>);
///   2. keep the sentences that forecast, with their hedge band (<see cref="HedgeReader"/>);
///   3. find the predictor: a reported speaker, else the author (<see cref="Attribution"/>);
///   4. read the horizon and normalise it to a deadline; an open-ended forecast gets a review date instead
///      (<see cref="HorizonReader"/>);
///   5. split off the condition and normalise the claim (<see cref="ClaimBuilder"/>); the entities are the
///      mentions inside the sentence;
///   6. keep one record per distinct claim and predictor (an article that repeats itself yields one forecast).
/// </summary>
public sealed class ForecastExtractor(ProbabilityScale scale, TimeSpan openEndedReview)
{
    public ForecastExtractor() : this(ProbabilityScale.Default, TimeSpan.FromDays(365))
    {
    }

    public ProbabilityScale Scale { get; } = scale;

    public IReadOnlyList<ExtractedForecast> Extract(ArticleInput article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var body = article.Body;
        var author = article.Authors.Count > 0 ? string.Join(", ", article.Authors) : "unknown";
        var fullNames = article.Mentions
            .GroupBy(m => m.EntityId)
            .ToDictionary(g => g.Key, g =>
            {
                var fullest = g.MaxBy(m => (m.End - m.Start, -m.Start))!;
                return body[fullest.Start..fullest.End];
            }, StringComparer.Ordinal);
        var forecasts = new List<ExtractedForecast>();
        MentionInput? lastSpeaker = null;

        // 1.
        foreach (var sentence in SentenceSplitter.Split(body))
        {
            var text = sentence.Text(body);

            // 3. (before 2: a sentence that makes no forecast can still introduce the speaker of the next one)
            var (speaker, attributed) = Attribution.Find(body, sentence, article.Mentions, ref lastSpeaker, fullNames);

            // 2.
            if (HedgeReader.Read(text) is not { } hedge)
            {
                continue;
            }

            // 4.
            var (horizon, deadline) = HorizonReader.Read(text, article.Published);
            if (deadline is { } due && due < article.Published)
            {
                (horizon, deadline) = (null, null);
            }

            // 5.
            var (claim, condition) = ClaimBuilder.Build(text);
            var entities = article.Mentions.Where(m => m.Start >= sentence.Start && m.End <= sentence.End).ToList();
            var predictor = speaker ?? author;

            // 6.
            if (forecasts.Any(f => f.Predictor == predictor && ClaimBuilder.SameClaim(f.Claim, claim)))
            {
                continue;
            }

            var review = deadline ?? article.Published.AddDays((int)openEndedReview.TotalDays);
            forecasts.Add(new ExtractedForecast(text, sentence.Start, sentence.End, claim, predictor, attributed, hedge.Phrase, hedge.Band,
                Scale[hedge.Band], Scale.Version, hedge.Negated, horizon, deadline, review, condition, entities));
        }

        return forecasts;
    }
}
