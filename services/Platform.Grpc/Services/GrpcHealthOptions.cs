using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Grpc.Services;

/// <summary>Settings of the gRPC health service: <c>services.Configure&lt;GrpcHealthOptions&gt;(o => ...)</c>.</summary>
public sealed class GrpcHealthOptions
{
    /// <summary>How often a Watch stream re-evaluates the checks.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Which health checks count; null means all (the readiness view).</summary>
    public Func<HealthCheckRegistration, bool>? Predicate { get; set; }
}
