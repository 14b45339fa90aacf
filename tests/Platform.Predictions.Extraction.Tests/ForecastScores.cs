using System.Globalization;
using Platform.Entities.Recognition;
using Platform.Entities.Recognition.Lexicon;

namespace Platform.Predictions.Extraction.Tests;

/// <summary>
/// Scores the extractor on annotated documents, sentence by sentence:
/// - detection: a found forecast whose quote overlaps a gold forecast sentence is a hit; one elsewhere is a
///   false alarm (marked non-forecasts and plain narration alike); precision, recall, F1;
/// - of the hits: the share in the gold probability band; the share of gold deadlines (where the text states a
///   horizon) found exactly; attribution accuracy (same predictor — by name key, or surname — and same
///   attributed flag).
/// The entities come from the entity recogniser, as the entity service would hand them over.
/// </summary>
internal sealed record ForecastScores(int Gold, int Found, int Hits, int BandRight, int Deadlines, int DeadlinesRight, int AttributionRight,
    int MarkedNegatives, int NegativesFlagged, IReadOnlyList<string> Errors)
{
    public double Precision => Found == 0 ? 0 : (double)Hits / Found;

    public double Recall => Gold == 0 ? 0 : (double)Hits / Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public double BandAgreement => Hits == 0 ? 0 : (double)BandRight / Hits;

    public double DeadlineExactness => Deadlines == 0 ? 0 : (double)DeadlinesRight / Deadlines;

    public double AttributionAccuracy => Hits == 0 ? 0 : (double)AttributionRight / Hits;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"forecasts: gold {Gold}, found {Found}, hits {Hits}; P {Precision:F3} R {Recall:F3} F1 {F1:F3}; band {BandAgreement:P1}; deadlines {DeadlinesRight}/{Deadlines} = {DeadlineExactness:P1}; attribution {AttributionAccuracy:P1}; marked non-forecasts flagged {NegativesFlagged}/{MarkedNegatives}");

    public static ForecastScores Evaluate(ForecastExtractor extractor, IReadOnlyList<ForecastDocument> documents)
    {
        var recognizer = new EntityRecognizer(Lexicons.Default);
        int gold = 0, found = 0, hits = 0, band = 0, deadlines = 0, deadlinesRight = 0, attribution = 0, negatives = 0, flagged = 0;
        var errors = new List<string>();
        foreach (var document in documents)
        {
            var mentions = recognizer.Recognize(document.Body).Entities
                .SelectMany(e => e.Mentions.Select(m => new MentionInput(m.Start, m.End, e.CanonicalName + "|" + e.Kind, e.CanonicalName, e.Kind)))
                .OrderBy(m => m.Start).ToList();
            var forecasts = extractor.Extract(new ArticleInput(document.Body, document.Published, [document.Author], mentions));
            found += forecasts.Count;
            var golds = document.Sentences.Where(s => s.IsForecast).ToList();
            gold += golds.Count;
            negatives += document.Sentences.Count(s => !s.IsForecast);
            foreach (var forecast in forecasts)
            {
                var match = golds.FirstOrDefault(g => g.Start < forecast.End && forecast.Start < g.End);
                if (match is null)
                {
                    var negative = document.Sentences.Any(s => !s.IsForecast && s.Start < forecast.End && forecast.Start < s.End);
                    flagged += negative ? 1 : 0;
                    errors.Add($"{document.Name}: false alarm{(negative ? " (marked N)" : "")}: {forecast.Quote}");
                    continue;
                }

                hits++;
                if (forecast.Band == match.Band)
                {
                    band++;
                }
                else
                {
                    errors.Add($"{document.Name}: band {forecast.Band} ('{forecast.Hedge}'), gold {match.Band}: {forecast.Quote}");
                }

                if (match.Deadline is { } due)
                {
                    deadlines++;
                    if (forecast.Deadline == due)
                    {
                        deadlinesRight++;
                    }
                    else
                    {
                        errors.Add($"{document.Name}: deadline {forecast.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none"} ('{forecast.Horizon}'), gold {due:yyyy-MM-dd}: {forecast.Quote}");
                    }
                }

                if (SamePredictor(forecast.Predictor, match.Predictor!) && forecast.Attributed == match.Attributed)
                {
                    attribution++;
                }
                else
                {
                    errors.Add($"{document.Name}: predictor '{forecast.Predictor}' ({(forecast.Attributed ? "attributed" : "author")}), gold '{match.Predictor}' ({(match.Attributed ? "attributed" : "author")}): {forecast.Quote}");
                }
            }

            foreach (var missed in golds.Where(g => !forecasts.Any(f => g.Start < f.End && f.Start < g.End)))
            {
                errors.Add($"{document.Name}: missed: {document.Body[missed.Start..missed.End]}");
            }
        }

        return new ForecastScores(gold, found, hits, band, deadlines, deadlinesRight, attribution, negatives, flagged, errors);
    }

    /// <summary>The same person or organisation: equal name keys, one name inside the other, or the same surname.</summary>
    public static bool SamePredictor(string found, string gold)
    {
        var a = NameKey.Name(found);
        var b = NameKey.Name(gold);
        if (a == b || (a.Length > 0 && b.Length > 0 && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal))))
        {
            return true;
        }

        var lastA = a.Split(' ')[^1];
        var lastB = b.Split(' ')[^1];
        return lastA.Length > 2 && lastA == lastB;
    }
}
