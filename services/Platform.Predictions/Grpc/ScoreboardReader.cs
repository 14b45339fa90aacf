using Platform.Predictions.Scoring;
using Platform.Predictions.Storage;
using Platform.Predictions.V1;

namespace Platform.Predictions.Grpc;

/// <summary>Builds scoreboards and single-group scores from the running sums and their calibration bins.</summary>
internal sealed class ScoreboardReader(ScoreRepository scores)
{
    public async Task<Scoreboard> ReadAsync(ScoreboardQuery query, CancellationToken cancellationToken)
    {
        var rows = await scores.RankAsync(query.GroupKind, query.Directional, query.WindowStart, query.WindowEnd, query.MinimumResolved, query.OrderSql,
            query.Limit, cancellationToken);
        var bins = (await scores.BinsAsync(query.GroupKind, [.. rows.Select(r => r.GroupKey)], query.Directional, query.WindowStart, query.WindowEnd, cancellationToken))
            .ToLookup(b => b.GroupKey, StringComparer.Ordinal);
        var board = new Scoreboard
        {
            ScaleNote = "Brier score on the 0-1 scale (0 is perfect, 0.25 is always saying 50 %); skill = 1 - Brier / 0.25; log score uses probabilities clamped to [0.01, 0.99].",
        };
        var rank = 0;
        foreach (var row in rows)
        {
            var scores = row.ToScores([.. bins[row.GroupKey]]);
            if (!query.IncludeCalibration)
            {
                scores.Calibration.Clear(); // a leaderboard stays small; the predictor page asks for the diagram
            }

            board.Entries.Add(new ScoreEntry { Rank = ++rank, Key = row.GroupKey, Name = row.GroupName, Scores = scores });
        }

        return board;
    }

    public async Task<(string Name, Scores Scores)?> GroupAsync(int groupKind, string key, CancellationToken cancellationToken)
    {
        var sums = await scores.GroupAsync(groupKind, key, cancellationToken);
        if (sums is null)
        {
            return null;
        }

        var bins = await scores.BinsAsync(groupKind, [key], directional: false, null, null, cancellationToken);
        return (sums.GroupName, sums.ToScores(bins));
    }
}
