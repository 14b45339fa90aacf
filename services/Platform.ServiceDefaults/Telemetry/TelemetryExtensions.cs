using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>Every library and service of the platform names its ActivitySource and Meter "Platform.*".</summary>
    public const string PlatformSourcePattern = "Platform.*";

    private static readonly string[] FrameworkSources = ["Microsoft.AspNetCore", "System.Net.Http"];

    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Net.Http",
        "System.Runtime",
    ];

    /// <summary>
    /// Builds the OpenTelemetry SDK by hand (OpenTelemetry.Extensions.Hosting is not available) and
    /// registers it as a singleton, so the host disposes it at shutdown and the last spans are flushed.
    /// Telemetry is collected only when an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_* settings:
    /// endpoint, protocol, headers), and then exported for traces, metrics and logs.
    /// </summary>
    public static void AddPlatformTelemetry(this IHostApplicationBuilder builder, ServiceDefaultsOptions options)
    {
        var configuration = builder.Configuration;
        var exportEnabled = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!exportEnabled)
        {
            // Nothing would receive them: recording spans and metrics would only cost every request CPU
            // (measured: a large share of the gateway's per-call work). Log lines still carry trace ids, from
            // the activity ASP.NET Core creates for logging.
            return;
        }

        var sdk = OpenTelemetrySdk.Create(otel =>
        {
            // The exporter and batch processors read OTEL_* keys from the host's configuration,
            // so appsettings.json works as well as environment variables.
            otel.Services.AddSingleton<IConfiguration>(configuration);

            otel.ConfigureResource(r => r.AddService(
                serviceName: options.ServiceName!,
                serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId));

            otel.WithTracing(t => t
                .AddSource(FrameworkSources)
                .AddSource(PlatformSourcePattern));

            otel.WithMetrics(m => m
                .AddMeter(FrameworkMeters)
                .AddMeter(PlatformSourcePattern));

            otel.WithLogging();
            otel.UseOtlpExporter();
        });

        builder.Services.AddSingleton(sdk);
        builder.Logging.AddProvider(new OpenTelemetryLoggerProvider(sdk.GetLoggerFactory()));
    }
}
