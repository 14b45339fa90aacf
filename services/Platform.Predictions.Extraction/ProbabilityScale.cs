namespace Platform.Predictions.Extraction;

/// <summary>
/// The verbal-probability scale: hedge phrases to bands and bands to probabilities. The default is the US ICD 203
/// bands (midpoints), with survey medians for "may/might/could" (Mauboussin &amp; Mauboussin 2018; Kucharski's
/// CAPphrase survey), as in the platform's design notes. A forecast stores its phrase, band, probability and
/// the scale's <see cref="Version"/>, so a later change of the table never silently rewrites old forecasts.
/// </summary>
public sealed class ProbabilityScale
{
    public static readonly ProbabilityScale Default = new("icd203-2024.1", new Dictionary<ProbabilityBand, double>
    {
        [ProbabilityBand.Remote] = 0.03,
        [ProbabilityBand.VeryUnlikely] = 0.12,
        [ProbabilityBand.Unlikely] = 0.30,
        [ProbabilityBand.Even] = 0.50,
        [ProbabilityBand.May] = 0.40,
        [ProbabilityBand.Likely] = 0.70,
        [ProbabilityBand.VeryLikely] = 0.87,
        [ProbabilityBand.Will] = 0.90,
        [ProbabilityBand.Certain] = 0.97,
    });

    public ProbabilityScale(string version, IReadOnlyDictionary<ProbabilityBand, double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        foreach (var band in Enum.GetValues<ProbabilityBand>())
        {
            if (!probabilities.TryGetValue(band, out var p) || p is < 0 or > 1 || double.IsNaN(p))
            {
                throw new ArgumentException($"The probability scale '{version}' needs a probability in [0, 1] for band {band}.", nameof(probabilities));
            }
        }

        Version = version;
        Probabilities = probabilities;
    }

    public string Version { get; }

    public IReadOnlyDictionary<ProbabilityBand, double> Probabilities { get; }

    public double this[ProbabilityBand band] => Probabilities[band];

    /// <summary>Bands whose forecasts say nothing about which way things go ("may", "could").</summary>
    public static bool IsNonDirectional(ProbabilityBand band) => band is ProbabilityBand.May or ProbabilityBand.Even;
}

/// <summary>The rows of the verbal-probability scale, from "almost no chance" to "certain".</summary>
public enum ProbabilityBand
{
    Remote,
    VeryUnlikely,
    Unlikely,
    Even,
    May,
    Likely,
    VeryLikely,
    Will,
    Certain,
}
