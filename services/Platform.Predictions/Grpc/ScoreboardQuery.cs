using System.Globalization;
using Platform.Contracts;
using Platform.Predictions.Storage;
using Platform.Predictions.V1;

namespace Platform.Predictions.Grpc;

/// <summary>GetScoreboard's request, validated and normalised; also the key it is cached under.</summary>
internal sealed record ScoreboardQuery(int GroupKind, int MinimumResolved, ScoreOrder Order, string? WindowStart, string? WindowEnd, bool Directional, int Limit,
    bool IncludeCalibration)
{
    public string CacheKey => string.Create(CultureInfo.InvariantCulture, $"{GroupKind}:{MinimumResolved}:{Order}:{WindowStart}:{WindowEnd}:{Directional}:{Limit}:{IncludeCalibration}");

    public string OrderSql => Order switch
    {
        ScoreOrder.Skill or ScoreOrder.Brier or ScoreOrder.Unspecified => "SUM(sum_sq) / SUM(n), SUM(n) DESC, group_key",
        ScoreOrder.ResolvedCount => "SUM(n) DESC, SUM(sum_sq) / SUM(n), group_key",
        _ => "CASE WHEN SUM(hit_n) = 0 THEN 0 ELSE 1.0 * SUM(hits) / SUM(hit_n) END DESC, SUM(n) DESC, group_key",
    };

    public static ScoreboardQuery From(GetScoreboardRequest request, int defaultMinimum)
    {
        if (request.MinResolved < 0)
        {
            RpcErrors.InvalidArgument("min_resolved", "must not be negative");
        }

        var kind = request.Group switch
        {
            ScoreGroup.Outlet => ScoreStore.Outlet,
            ScoreGroup.Entity => ScoreStore.Entity,
            _ => ScoreStore.Predictor,
        };
        return new ScoreboardQuery(kind, request.MinResolved == 0 ? defaultMinimum : request.MinResolved, request.OrderBy,
            Month(request.WindowStart, "window_start"), Month(request.WindowEnd, "window_end"), request.DirectionalOnly,
            PageSize.Resolve(request.Limit, 100, 1000, "limit"), request.IncludeCalibration);
    }

    private static string? Month(string text, string field)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            RpcErrors.InvalidArgument(field, $"'{text}' is not a month in the form yyyy-mm");
        }

        return text;
    }
}
