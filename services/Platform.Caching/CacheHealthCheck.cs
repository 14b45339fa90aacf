using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Caching.Internal;

namespace Platform.Caching;

/// <summary>
/// Healthy with Redis reachable (or with the in-process cache); Degraded — never Unhealthy — when Redis is down
/// or failing, because the service still answers every request from its own store.
/// </summary>
internal sealed class CacheHealthCheck(GuardedRedis? redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (redis is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy("in-process cache (no Redis configured)"));
        }

        return Task.FromResult(redis.IsAvailable
            ? HealthCheckResult.Healthy(redis.Describe())
            : HealthCheckResult.Degraded(redis.Describe() + "; requests are served from the service's own store"));
    }
}
