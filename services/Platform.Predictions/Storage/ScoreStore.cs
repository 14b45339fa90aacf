using Platform.Predictions.Scoring;

namespace Platform.Predictions.Storage;

/// <summary>
/// The groups score_sums and score_bins keep: one forecast counts for its predictor, outlet and entities, for all
/// time and its publication month, for all forecasts and (when directional) the directional ones. A transaction
/// gathers its changes in <see cref="ScoreChanges"/> and writes them once at its end.
/// </summary>
internal static class ScoreStore
{
    public const int Predictor = 1;
    public const int Outlet = 2;
    public const int Entity = 3;
    public const string AllTime = "";

    public static ScoreContribution? ContributionOf(PredictionRow row) =>
        row is { Status: PredictionRow.Resolved, OutcomeValue: { } o } ? new ScoreContribution(row.Probability, o, row.NonDirectional) : null;

    /// <summary>The score_sums rows a forecast counts in (group, name, month, directional).</summary>
    public static IEnumerable<(int Kind, string Key, string Name, string Month, int Directional)> Rows(PredictionRow row, IReadOnlyList<PredictionEntityRow> entities)
    {
        var groups = new List<(int, string, string)> { (Predictor, row.PredictorKey, row.Predictor) };
        if (row.Outlet.Length > 0)
        {
            groups.Add((Outlet, row.Outlet.ToLowerInvariant(), row.Outlet));
        }

        groups.AddRange(entities.Select(e => (Entity, e.EntityId, e.Name)));
        foreach (var (kind, key, name) in groups)
        {
            foreach (var month in new[] { AllTime, row.PublishedMonth })
            {
                yield return (kind, key, name, month, 0);
                if (!row.NonDirectional)
                {
                    yield return (kind, key, name, month, 1);
                }
            }
        }
    }
}
