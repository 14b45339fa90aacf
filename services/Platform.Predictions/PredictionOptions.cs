using System.ComponentModel.DataAnnotations;

namespace Platform.Predictions;

/// <summary>The prediction service's settings (<c>Predictions</c> section).</summary>
public sealed class PredictionOptions
{
    public const string SectionName = "Predictions";

    /// <summary>An open-ended forecast is due for review this many days after publication.</summary>
    [Range(1, 36500)]
    public int OpenEndedReviewDays { get; set; } = 365;

    /// <summary>Resolved forecasts a predictor, outlet or entity needs before it is ranked (default for GetScoreboard).</summary>
    [Range(0, 1_000_000)]
    public int MinimumResolved { get; set; } = 5;

    /// <summary>
    /// Overrides of the verbal-probability scale, band name → probability ("likely": 0.7, "very-likely": 0.87, "may":
    /// 0.4 …). Any override needs a new <see cref="ScaleVersion"/>, which every forecast records.
    /// </summary>
    public Dictionary<string, double> ScaleProbabilities { get; set; } = [];

    public string? ScaleVersion { get; set; }
}
