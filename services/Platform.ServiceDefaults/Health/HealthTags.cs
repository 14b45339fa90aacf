namespace Platform.ServiceDefaults.Health;

/// <summary>Tags that decide which probe a health check belongs to.</summary>
public static class HealthTags
{
    /// <summary>
    /// Checks tagged "live" run for the liveness probe too. Keep it for checks whose failure means
    /// the process must be restarted; a dependency that is down (a database, Redis) is a readiness
    /// concern only, otherwise Kubernetes would restart healthy pods during an outage.
    /// </summary>
    public const string Live = "live";
}
