using System.Diagnostics;

namespace Platform.Documents;

/// <summary>The document service's own spans (exported when telemetry is on: every "Platform.*" source is).</summary>
internal static class DocumentsTelemetry
{
    public static readonly ActivitySource Source = new("Platform.Documents");
}
