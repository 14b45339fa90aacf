namespace Platform.Predictions.Storage;

/// <summary>Prediction ids: "prd_" and a UUIDv7 in hex, so ids sort by creation time.</summary>
internal static class PredictionIds
{
    public static string New() => "prd_" + Guid.CreateVersion7().ToString("N");
}
