using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults;

/// <summary>
/// Settings under the <c>ServiceDefaults</c> configuration section (appsettings.json or environment
/// variables such as <c>ServiceDefaults__ShutdownTimeoutSeconds=20</c>).
/// </summary>
public sealed class ServiceDefaultsOptions
{
    public const string SectionName = "ServiceDefaults";

    /// <summary>Name reported in traces, metrics and logs; defaults to the application name.</summary>
    public string? ServiceName { get; set; }

    /// <summary>How long SIGTERM waits for in-flight requests to finish before the process exits.</summary>
    [Range(0, 3600)]
    public double ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>Liveness probe path: answers as long as the process can serve at all.</summary>
    public string LivenessPath { get; set; } = "/health/live";

    /// <summary>Readiness probe path: every registered check, and "not shutting down".</summary>
    public string ReadinessPath { get; set; } = "/health/ready";

    /// <summary>One JSON object per log line (the default). Set false for human-readable console logs.</summary>
    public bool JsonConsoleLogs { get; set; } = true;

    /// <summary>
    /// A span per PostgreSQL statement (Npgsql's tracing). Off by default: a batch of articles runs hundreds of
    /// statements, and their spans cost the telemetry backend more CPU than the work they describe.
    /// </summary>
    public bool TraceDatabaseCommands { get; set; }
}
