namespace Platform.Predictions.Scoring;

/// <summary>
/// What one resolved forecast adds to the running sums of every group it belongs to (its predictor, outlet and
/// entities; all time and its publication month; all forecasts and directional ones). Resolving adds it,
/// re-resolving subtracts the old one and adds the new, so an aggregate never needs a rescan.
/// </summary>
internal readonly record struct ScoreContribution(double P, double O, bool NonDirectional)
{
    /// <summary>Probabilities are clamped here for the log score, as the design notes say.</summary>
    public const double LogClamp = 0.01;

    public double SquaredError => (P - O) * (P - O);

    /// <summary>o·ln p + (1 − o)·ln(1 − p), p clamped: ln p for TRUE, ln(1 − p) for FALSE, a mixture for PARTIAL.</summary>
    public double LogTerm
    {
        get
        {
            var p = Math.Clamp(P, LogClamp, 1 - LogClamp);
            return O * Math.Log(p) + (1 - O) * Math.Log(1 - p);
        }
    }

    /// <summary>A hit needs a side: neither the probability nor the outcome may sit at 0.5, and "may" forecasts have none.</summary>
    public bool CountsForHitRate => !NonDirectional && P != 0.5 && O != 0.5;

    public bool Hit => CountsForHitRate && (P > 0.5) == (O > 0.5);

    /// <summary>Ten calibration bins by probability: [0, 0.1), …, [0.9, 1].</summary>
    public int Bin => Math.Min(9, (int)Math.Floor(P * 10));
}
