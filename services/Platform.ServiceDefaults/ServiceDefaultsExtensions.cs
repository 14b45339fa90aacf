using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Logging;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults;

/// <summary>The single start-up call shared by every service and the gateway.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Adds configuration binding, JSON console logs carrying trace ids, OpenTelemetry (OTLP export
    /// switches on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), liveness and readiness endpoints,
    /// server-span enrichment and graceful shutdown. Nothing else is needed in <c>Program.cs</c>:
    /// the middleware and health endpoints are added through an <see cref="IStartupFilter"/>.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        var options = builder.AddValidatedOptions<ServiceDefaultsOptions>(ServiceDefaultsOptions.SectionName);
        builder.AddValidatedOptions<DocumentLimits>(DocumentLimits.SectionName);
        var applicationName = builder.Environment.ApplicationName;
        options.ServiceName ??= applicationName;
        builder.Services.PostConfigure<ServiceDefaultsOptions>(o => o.ServiceName ??= applicationName);

        builder.AddStructuredLogging(options);
        builder.AddPlatformTelemetry(options);
        builder.AddPlatformHealthChecks();

        // SIGTERM (Kubernetes pod deletion) stops accepting new connections at once, fails readiness,
        // and waits up to the configured time for in-flight requests before the host exits.
        builder.Services.Configure<HostOptions>(o =>
            o.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownTimeoutSeconds));

        builder.Services.AddTransient<IStartupFilter, ServiceDefaultsStartupFilter>();
        return builder;
    }
}
