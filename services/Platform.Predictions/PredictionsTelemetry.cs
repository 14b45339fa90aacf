using System.Diagnostics;

namespace Platform.Predictions;

/// <summary>The prediction service's own spans (exported when telemetry is on: every "Platform.*" source is).</summary>
internal static class PredictionsTelemetry
{
    public static readonly ActivitySource Source = new("Platform.Predictions");
}
