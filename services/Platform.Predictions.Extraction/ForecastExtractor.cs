using Platform.Entities.Recognition;

namespace Platform.Predictions.Extraction;

/// <summary>
/// Finds the forecasts of one article. Thread-safe. The steps, per sentence:
///   1. split the body into sentences (<see cref="SentenceSplitter"/>);
///   2. keep the sentences that forecast, with their hedge band (<see cref="HedgeReader"/>);
///   3. find the predictor: a reported speaker, else the author (<see cref="Attribution"/>, <see cref="SpeakerNames"/>);
///   4. read the horizon and normalise it to a deadline, else take the date the article gives the event the sentence
///      is about; an open-ended forecast gets a review date instead (<see cref="HorizonReader"/>, <see cref="EventCalendar"/>);
///   5. split off the condition and normalise the claim (<see cref="ClaimBuilder"/>); the entities are the
///      mentions inside the sentence;
///   6. keep one record per distinct claim and predictor (an article that repeats itself yields one forecast);
///   7. a later clause with a horizon of its own is one more forecast (<see cref="HorizonClauses"/>).
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
        var names = new SpeakerNames(body, article.Mentions);
        var forecasts = new List<ExtractedForecast>();
        var claimWords = new List<HashSet<string>>(); // each forecast's claim words, for step 6
        var quotes = new QuoteTracker(body);

        // 1.
        var sentences = SentenceSplitter.Split(body);
        EventCalendar? calendar = null;
        foreach (var sentence in sentences)
        {
            var text = sentence.Text(body);

            // 2.
            var hedge = HedgeReader.Read(text);
            var insideQuote = quotes.OpenAt(sentence.Start);

            // 3. (a sentence that makes no forecast can still introduce the speaker of the next one)
            if (hedge is null)
            {
                if (Attribution.MayNameSpeaker(text))
                {
                    Attribution.Find(body, sentence, insideQuote, names);
                }

                continue;
            }

            var (speaker, attributed) = Attribution.Find(body, sentence, insideQuote, names);

            // 4.
            var (horizon, deadline) = HorizonReader.Read(text, article.Published);
            if (deadline is { } due && due < article.Published)
            {
                (horizon, deadline) = (null, null);
            }

            // A forecast about a coming event the article dates elsewhere ("before polling day") takes its date.
            if (horizon is null && (calendar ??= new EventCalendar(body, sentences, article.Published)).For(text) is { } dated)
            {
                (horizon, deadline) = (dated.Phrase, dated.Deadline);
            }

            // 5.
            var (claim, condition) = ClaimBuilder.Build(text);
            var entities = article.Mentions.Where(m => m.Start >= sentence.Start && m.End <= sentence.End).ToList();
            var predictor = speaker ?? author;

            // 6.
            var words = ClaimBuilder.Words(claim);
            if (forecasts.Where((f, k) => f.Predictor == predictor && ClaimBuilder.SameWords(claimWords[k], words)).Any())
            {
                continue;
            }

            claimWords.Add(words);

            var review = deadline ?? article.Published.AddDays((int)openEndedReview.TotalDays);
            forecasts.Add(new ExtractedForecast(text, sentence.Start, sentence.End, claim, predictor, attributed, hedge.Phrase, hedge.Band,
                Scale[hedge.Band], Scale.Version, hedge.Negated, horizon, deadline, review, condition, entities));

            // One more forecast per later clause with a horizon of its own ("…, slipping to 2.9% next year").
            foreach (var (start, end, clauseHorizon, clauseDue) in HorizonClauses.Find(text, article.Published, deadline))
            {
                var quote = text[start..end];
                claimWords.Add([]);
                forecasts.Add(new ExtractedForecast(quote, sentence.Start + start, sentence.Start + end, ClaimBuilder.Build(quote).Claim, predictor, attributed,
                    hedge.Phrase, hedge.Band, Scale[hedge.Band], Scale.Version, hedge.Negated, clauseHorizon, clauseDue, clauseDue, condition, entities));
            }
        }

        return forecasts;
    }
}
