using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Health;

internal static class HealthExtensions
{
    public static void AddPlatformHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("process is serving"), [HealthTags.Live])
            .AddCheck<ShutdownReadinessCheck>("shutdown");
    }

    /// <summary>Serves the probes in every environment: Kubernetes needs them in production most of all.</summary>
    public static void UsePlatformHealthEndpoints(this IApplicationBuilder app, ServiceDefaultsOptions options)
    {
        app.UseHealthChecks(options.LivenessPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(HealthTags.Live),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.UseHealthChecks(options.ReadinessPath, new HealthCheckOptions
        {
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
    }
}
