using System.Data.Common;
using Dapper;
using Platform.Predictions.Scoring;

namespace Platform.Predictions.Storage;

/// <summary>
/// The score-sum and calibration-bin changes of one transaction, added up per row and written at its end: one
/// upsert per row touched (a batch of documents shares its predictors, outlets and entities), in the order of the
/// tables' keys, so that concurrent transactions (replicas on PostgreSQL) lock shared rows in the same order and
/// cannot deadlock on them.
/// </summary>
internal sealed class ScoreChanges
{
    private readonly SortedDictionary<SumKey, SumChange> _sums = [];
    private readonly SortedDictionary<BinKey, (long N, double P, double O)> _bins = [];

    /// <summary>A resolved forecast's contribution added to (+1) or taken out of (−1) its groups.</summary>
    public void Add(PredictionRow row, IReadOnlyList<PredictionEntityRow> entities, ScoreContribution contribution, int sign)
    {
        foreach (var (kind, key, name, month, directional) in ScoreStore.Rows(row, entities))
        {
            var sumKey = new SumKey(kind, month, directional, key);
            var change = _sums.GetValueOrDefault(sumKey) ?? new SumChange();
            change.Name = name;
            change.Rename = true;
            change.N += sign;
            change.P += sign * contribution.P;
            change.O += sign * contribution.O;
            change.Sq += sign * contribution.SquaredError;
            change.Log += sign * contribution.LogTerm;
            change.Hits += contribution.Hit ? sign : 0;
            change.HitN += contribution.CountsForHitRate ? sign : 0;
            change.Vague += contribution.NonDirectional ? sign : 0;
            _sums[sumKey] = change;

            var binKey = new BinKey(kind, key, month, directional, contribution.Bin);
            var (n, p, o) = _bins.GetValueOrDefault(binKey);
            _bins[binKey] = (n + sign, p + sign * contribution.P, o + sign * contribution.O);
        }
    }

    /// <summary>A forecast counted in (+1) or out of (−1) its groups' open forecasts (all-time rows only).</summary>
    public void AddOpen(PredictionRow row, IReadOnlyList<PredictionEntityRow> entities, int sign)
    {
        foreach (var (kind, key, name, month, directional) in ScoreStore.Rows(row, entities).Where(r => r.Month == ScoreStore.AllTime))
        {
            var sumKey = new SumKey(kind, month, directional, key);
            var change = _sums.GetValueOrDefault(sumKey) ?? new SumChange { Name = name };
            change.Open += sign;
            _sums[sumKey] = change;
        }
    }

    /// <summary>
    /// Writes the changes (parameter lists: one prepared statement each, run once per row). A row new to the table
    /// takes the group's name; an existing one takes it only from a resolved forecast, as each change did alone.
    /// </summary>
    public async Task ApplyAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (_sums.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO score_sums (group_kind, group_key, month, directional, group_name, n, sum_p, sum_o, sum_sq, sum_log, hits, hit_n, vague, open_n)
                VALUES (@Kind, @Key, @Month, @Directional, @Name, @N, @P, @O, @Sq, @Log, @Hits, @HitN, @Vague, @Open)
                ON CONFLICT (group_kind, month, directional, group_key) DO UPDATE SET
                    n = score_sums.n + excluded.n, sum_p = score_sums.sum_p + excluded.sum_p, sum_o = score_sums.sum_o + excluded.sum_o,
                    sum_sq = score_sums.sum_sq + excluded.sum_sq, sum_log = score_sums.sum_log + excluded.sum_log,
                    hits = score_sums.hits + excluded.hits, hit_n = score_sums.hit_n + excluded.hit_n, vague = score_sums.vague + excluded.vague,
                    open_n = score_sums.open_n + excluded.open_n,
                    group_name = CASE WHEN @Rename THEN excluded.group_name ELSE score_sums.group_name END
                """, _sums.Select(s => new
            {
                s.Key.Kind, s.Key.Key, s.Key.Month, s.Key.Directional, s.Value.Name, s.Value.N, s.Value.P, s.Value.O, s.Value.Sq, s.Value.Log,
                s.Value.Hits, s.Value.HitN, s.Value.Vague, s.Value.Open, s.Value.Rename,
            }).ToList(), transaction, cancellationToken: cancellationToken));
        }

        if (_bins.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO score_bins (group_kind, group_key, month, directional, bin, n, sum_p, sum_o) VALUES (@Kind, @Key, @Month, @Directional, @Bin, @N, @P, @O)
                ON CONFLICT (group_kind, group_key, month, directional, bin) DO UPDATE SET
                    n = score_bins.n + excluded.n, sum_p = score_bins.sum_p + excluded.sum_p, sum_o = score_bins.sum_o + excluded.sum_o
                """, _bins.Select(b => new { b.Key.Kind, b.Key.Key, b.Key.Month, b.Key.Directional, b.Key.Bin, b.Value.N, b.Value.P, b.Value.O }).ToList(),
                transaction, cancellationToken: cancellationToken));
        }

        _sums.Clear();
        _bins.Clear();
    }

    /// <summary>A score_sums key, ordered as the table's primary key (strings by ordinal: what matters is that every transaction uses the same order).</summary>
    private readonly record struct SumKey(int Kind, string Month, int Directional, string Key) : IComparable<SumKey>
    {
        public int CompareTo(SumKey other)
        {
            var c = Kind.CompareTo(other.Kind);
            c = c != 0 ? c : string.CompareOrdinal(Month, other.Month);
            c = c != 0 ? c : Directional.CompareTo(other.Directional);
            return c != 0 ? c : string.CompareOrdinal(Key, other.Key);
        }
    }

    /// <summary>A score_bins key, ordered as the table's primary key.</summary>
    private readonly record struct BinKey(int Kind, string Key, string Month, int Directional, int Bin) : IComparable<BinKey>
    {
        public int CompareTo(BinKey other)
        {
            var c = Kind.CompareTo(other.Kind);
            c = c != 0 ? c : string.CompareOrdinal(Key, other.Key);
            c = c != 0 ? c : string.CompareOrdinal(Month, other.Month);
            c = c != 0 ? c : Directional.CompareTo(other.Directional);
            return c != 0 ? c : Bin.CompareTo(other.Bin);
        }
    }

    private sealed class SumChange
    {
        public string Name { get; set; } = "";

        public bool Rename { get; set; }

        public long N { get; set; }

        public double P { get; set; }

        public double O { get; set; }

        public double Sq { get; set; }

        public double Log { get; set; }

        public long Hits { get; set; }

        public long HitN { get; set; }

        public long Vague { get; set; }

        public long Open { get; set; }
    }
}
