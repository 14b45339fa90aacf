using System.Data.Common;
using Dapper;
using Platform.Predictions.Scoring;

namespace Platform.Predictions.Storage;

/// <summary>
/// Keeps score_sums and score_bins in step with the predictions, inside the caller's transaction: one resolved
/// forecast touches its predictor, outlet and entities, for all time and its publication month, for all forecasts
/// and (when directional) the directional ones — a fixed number of upserts, whatever the number of forecasts.
/// </summary>
internal static class ScoreStore
{
    public const int Predictor = 1;
    public const int Outlet = 2;
    public const int Entity = 3;
    public const string AllTime = "";

    public static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, PredictionRow row, IReadOnlyList<PredictionEntityRow> entities,
        ScoreContribution contribution, int sign, CancellationToken cancellationToken)
    {
        // Parameter lists: one prepared statement each, run once per group row.
        var rows = Rows(row, entities).ToList();
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO score_sums (group_kind, group_key, month, directional, group_name, n, sum_p, sum_o, sum_sq, sum_log, hits, hit_n, vague, open_n)
            VALUES (@kind, @key, @month, @directional, @name, @n, @p, @o, @sq, @log, @hit, @hitN, @vague, 0)
            ON CONFLICT (group_kind, month, directional, group_key) DO UPDATE SET
                n = score_sums.n + excluded.n, sum_p = score_sums.sum_p + excluded.sum_p, sum_o = score_sums.sum_o + excluded.sum_o,
                sum_sq = score_sums.sum_sq + excluded.sum_sq, sum_log = score_sums.sum_log + excluded.sum_log,
                hits = score_sums.hits + excluded.hits, hit_n = score_sums.hit_n + excluded.hit_n, vague = score_sums.vague + excluded.vague,
                group_name = excluded.group_name
            """, rows.Select(r => new
        {
            kind = r.Kind, key = r.Key, month = r.Month, directional = r.Directional, name = r.Name, n = sign,
            p = sign * contribution.P, o = sign * contribution.O, sq = sign * contribution.SquaredError, log = sign * contribution.LogTerm,
            hit = contribution.Hit ? sign : 0, hitN = contribution.CountsForHitRate ? sign : 0, vague = contribution.NonDirectional ? sign : 0,
        }).ToList(), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO score_bins (group_kind, group_key, month, directional, bin, n, sum_p, sum_o) VALUES (@kind, @key, @month, @directional, @bin, @n, @p, @o)
            ON CONFLICT (group_kind, group_key, month, directional, bin) DO UPDATE SET
                n = score_bins.n + excluded.n, sum_p = score_bins.sum_p + excluded.sum_p, sum_o = score_bins.sum_o + excluded.sum_o
            """, rows.Select(r => new { kind = r.Kind, key = r.Key, month = r.Month, directional = r.Directional, bin = contribution.Bin, n = sign, p = sign * contribution.P, o = sign * contribution.O }).ToList(),
            transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Counts a forecast in (or out of) its groups' open forecasts.</summary>
    public static async Task ApplyOpenAsync(DbConnection connection, DbTransaction transaction, PredictionRow row, IReadOnlyList<PredictionEntityRow> entities,
        int sign, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO score_sums (group_kind, group_key, month, directional, group_name, n, sum_p, sum_o, sum_sq, sum_log, hits, hit_n, vague, open_n)
            VALUES (@kind, @key, @month, @directional, @name, 0, 0, 0, 0, 0, 0, 0, 0, @sign)
            ON CONFLICT (group_kind, month, directional, group_key) DO UPDATE SET open_n = score_sums.open_n + excluded.open_n
            """, Rows(row, entities).Where(r => r.Month == AllTime).Select(r => new { kind = r.Kind, key = r.Key, month = r.Month, directional = r.Directional, name = r.Name, sign }).ToList(),
            transaction, cancellationToken: cancellationToken));
    }

    public static ScoreContribution? ContributionOf(PredictionRow row) =>
        row is { Status: PredictionRow.Resolved, OutcomeValue: { } o } ? new ScoreContribution(row.Probability, o, row.NonDirectional) : null;

    private static IEnumerable<(int Kind, string Key, string Name, string Month, int Directional)> Rows(PredictionRow row, IReadOnlyList<PredictionEntityRow> entities)
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
