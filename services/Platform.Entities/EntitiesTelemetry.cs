using System.Diagnostics;

namespace Platform.Entities;

/// <summary>The entity service's own spans (exported when telemetry is on: every "Platform.*" source is).</summary>
internal static class EntitiesTelemetry
{
    public static readonly ActivitySource Source = new("Platform.Entities");
}
