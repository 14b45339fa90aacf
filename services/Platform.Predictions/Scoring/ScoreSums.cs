using Platform.Predictions.V1;

namespace Platform.Predictions.Scoring;

/// <summary>The running sums of one group (a row of score_sums), and the scores they give.</summary>
public sealed class ScoreSums
{
    public int GroupKind { get; set; }

    public string GroupKey { get; set; } = "";

    public string GroupName { get; set; } = "";

    public long N { get; set; }

    public double SumP { get; set; }

    public double SumO { get; set; }

    public double SumSq { get; set; }

    public double SumLog { get; set; }

    public long Hits { get; set; }

    public long HitN { get; set; }

    public long Vague { get; set; }

    public long OpenN { get; set; }

    /// <summary>The scores of these sums (and of the calibration bins, when given) on the 0–1 Brier scale.</summary>
    public Scores ToScores(IReadOnlyList<BinSums>? bins = null)
    {
        var scores = new Scores { Resolved = N, Open = OpenN };
        if (N == 0)
        {
            return scores;
        }

        var baseRate = SumO / N;
        scores.Brier = SumSq / N;
        scores.LogScore = SumLog / N;
        scores.Skill = 1 - scores.Brier / 0.25;
        scores.HitRate = HitN == 0 ? 0 : (double)Hits / HitN;
        scores.HitCount = HitN;
        scores.Vagueness = (double)Vague / N;
        scores.Uncertainty = baseRate * (1 - baseRate);
        if (bins is not null)
        {
            foreach (var bin in bins.Where(b => b.N > 0).OrderBy(b => b.Bin))
            {
                var meanP = bin.SumP / bin.N;
                var observed = bin.SumO / bin.N;
                scores.Reliability += bin.N * (meanP - observed) * (meanP - observed) / N;
                scores.Resolution += bin.N * (observed - baseRate) * (observed - baseRate) / N;
                var (low, high) = Wilson(observed, bin.N);
                scores.Calibration.Add(new CalibrationBin
                {
                    Lower = bin.Bin / 10.0,
                    Upper = (bin.Bin + 1) / 10.0,
                    Count = bin.N,
                    MeanProbability = meanP,
                    ObservedFrequency = observed,
                    Low = low,
                    High = high,
                });
            }
        }

        return scores;
    }

    /// <summary>Wilson score interval at 95 % for a frequency observed over <paramref name="n"/> forecasts.</summary>
    public static (double Low, double High) Wilson(double frequency, long n)
    {
        const double z = 1.959964;
        var denominator = 1 + z * z / n;
        var centre = (frequency + z * z / (2 * n)) / denominator;
        var half = z * Math.Sqrt(frequency * (1 - frequency) / n + z * z / (4.0 * n * n)) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}

/// <summary>A row of score_bins.</summary>
public sealed class BinSums
{
    public string GroupKey { get; set; } = "";

    public int Bin { get; set; }

    public long N { get; set; }

    public double SumP { get; set; }

    public double SumO { get; set; }
}
