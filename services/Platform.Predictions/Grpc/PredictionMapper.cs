using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Platform.Predictions.Storage;
using Platform.Predictions.V1;

namespace Platform.Predictions.Grpc;

/// <summary>Between storage rows and the API messages.</summary>
internal static class PredictionMapper
{
    public static Prediction ToMessage(PredictionRow row, IEnumerable<PredictionEntityRow> entities, IEnumerable<ResolutionRow> resolutions,
        IEnumerable<HistoryRow> history, string today)
    {
        var message = new Prediction
        {
            Id = row.Id,
            DocumentId = row.DocumentId,
            Quote = row.Quote,
            Start = row.StartOffset,
            End = row.EndOffset,
            Claim = row.Claim,
            Predictor = row.Predictor,
            Attributed = row.Attributed,
            Outlet = row.Outlet,
            Hedge = row.Hedge,
            Band = row.Band,
            Probability = row.Probability,
            ScaleVersion = row.ScaleVersion,
            NonDirectional = row.NonDirectional,
            Negated = row.Negated,
            Horizon = row.Horizon,
            Deadline = row.Deadline ?? "",
            ReviewDate = row.ReviewDate,
            Condition = row.ConditionText,
            PublishedTime = ToTimestamp(row.PublishedTime),
            Status = StatusOf(row, today),
            CreateTime = ToTimestamp(row.CreateTime),
            UpdateTime = ToTimestamp(row.UpdateTime),
        };
        message.Entities.AddRange(entities.Select(e => new PredictionEntity { EntityId = e.EntityId, Name = e.Name }));
        message.Resolutions.AddRange(resolutions.Select(r => new Resolution
        {
            Outcome = (Outcome)r.Outcome,
            Fraction = r.Fraction,
            EvidenceUrl = r.EvidenceUrl,
            EvidenceDocumentId = r.EvidenceDocumentId,
            Note = r.Note,
            ResolvedTime = ToTimestamp(r.ResolvedTime),
            Resolver = r.Resolver,
            RecordTime = ToTimestamp(r.RecordTime),
        }));
        message.History.AddRange(history.Select(h => new PredictionChange { Kind = h.Kind, Detail = h.Detail, Actor = h.Actor, Time = ToTimestamp(h.ChangeTime) }));
        return message;
    }

    public static PredictionStatus StatusOf(PredictionRow row, string today) => row.Status switch
    {
        PredictionRow.Resolved => PredictionStatus.Resolved,
        PredictionRow.Rejected => PredictionStatus.Rejected,
        _ => string.CompareOrdinal(row.ReviewDate, today) <= 0 ? PredictionStatus.Due : PredictionStatus.Open,
    };

    public static Timestamp? ToTimestamp(long unixMilliseconds) =>
        unixMilliseconds == 0 ? null : Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds));

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A yyyy-mm-dd date, or null when <paramref name="text"/> is not one.</summary>
    public static DateOnly? ParseDay(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
