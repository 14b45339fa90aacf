using Dapper;
using Platform.Predictions.Scoring;
using Platform.Storage;

namespace Platform.Predictions.Storage;

/// <summary>
/// Reads the running sums: a ranked scoreboard (all time from one row per group; a window sums the monthly
/// rows), one group's sums, and calibration bins. Nothing here scans the predictions themselves.
/// </summary>
internal sealed class ScoreRepository(SqlDialect dialect)
{
    private const string Sums = """
        group_kind AS GroupKind, group_key AS GroupKey, MAX(group_name) AS GroupName, SUM(n) AS N, SUM(sum_p) AS SumP, SUM(sum_o) AS SumO,
        SUM(sum_sq) AS SumSq, SUM(sum_log) AS SumLog, SUM(hits) AS Hits, SUM(hit_n) AS HitN, SUM(vague) AS Vague, SUM(open_n) AS OpenN
        """;

    public async Task<IReadOnlyList<ScoreSums>> RankAsync(int groupKind, bool directional, string? windowStart, string? windowEnd, int minimumResolved,
        string orderBy, int limit, CancellationToken cancellationToken)
    {
        var months = windowStart is null && windowEnd is null ? "month = ''" : "month <> '' AND month >= @start AND month < @end";
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ScoreSums>(new CommandDefinition($"""
            SELECT {Sums} FROM score_sums
            WHERE group_kind = @groupKind AND directional = @directional AND {months}
            GROUP BY group_kind, group_key
            HAVING SUM(n) >= @minimumResolved
            ORDER BY {orderBy}
            LIMIT @limit
            """, new { groupKind, directional = directional ? 1 : 0, start = windowStart ?? "", end = windowEnd ?? "9999-99", minimumResolved, limit },
            cancellationToken: cancellationToken))];
    }

    public async Task<ScoreSums?> GroupAsync(int groupKind, string key, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ScoreSums>(new CommandDefinition($"""
            SELECT {Sums} FROM score_sums WHERE group_kind = @groupKind AND group_key = @key AND month = '' AND directional = 0 GROUP BY group_kind, group_key
            """, new { groupKind, key }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<BinSums>> BinsAsync(int groupKind, IReadOnlyCollection<string> keys, bool directional, string? windowStart, string? windowEnd,
        CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var months = windowStart is null && windowEnd is null ? "month = ''" : "month <> '' AND month >= @start AND month < @end";
        var parameters = new DynamicParameters(new { groupKind, directional = directional ? 1 : 0, start = windowStart ?? "", end = windowEnd ?? "9999-99" });
        var names = keys.Select((key, i) => { parameters.Add("k" + i, key); return "@k" + i; });
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<BinSums>(new CommandDefinition($"""
            SELECT group_key AS GroupKey, bin AS Bin, SUM(n) AS N, SUM(sum_p) AS SumP, SUM(sum_o) AS SumO FROM score_bins
            WHERE group_kind = @groupKind AND directional = @directional AND {months} AND group_key IN ({string.Join(", ", names)})
            GROUP BY group_key, bin
            """, parameters, cancellationToken: cancellationToken))];
    }
}
