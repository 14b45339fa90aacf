using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>Every library and service of the platform names its ActivitySource and Meter "Platform.*".</summary>
    public const string PlatformSourcePattern = "Platform.*";

    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Diagnostics",
        "Grpc.AspNetCore.Server",
        "Grpc.Net.Client",
    ];

    /// <summary>
    /// OpenTelemetry through its hosting extensions: ASP.NET Core (with gRPC server calls), HttpClient, gRPC client,
    /// runtime (and with ServiceDefaults:TraceDatabaseCommands, Npgsql) instrumentation plus every <c>Platform.*</c> source, exported over OTLP. It is switched on
    /// by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>_HEADERS</c>,
    /// <c>OTEL_BSP_SCHEDULE_DELAY</c>…, read from the host's configuration, so appsettings.json works too).
    /// </summary>
    public static void AddPlatformTelemetry(this IHostApplicationBuilder builder, ServiceDefaultsOptions options)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Nothing would receive them: recording spans and metrics would only cost every request CPU. Log
            // lines still carry trace ids, from the activity ASP.NET Core creates for logging.
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(
                serviceName: options.ServiceName!,
                serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path.Value, options))
                    .AddHttpClientInstrumentation()
                    .AddGrpcClientInstrumentation()
                    .AddSource(PlatformSourcePattern);
                if (options.TraceDatabaseCommands)
                {
                    t.AddNpgsql();
                }
            })
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(FrameworkMeters)
                .AddMeter(PlatformSourcePattern))
            .WithLogging()
            .UseOtlpExporter();
    }

    // Kubernetes probes every few seconds: their spans would drown the traces people look for.
    private static bool IsProbe(string? path, ServiceDefaultsOptions options) =>
        path is not null && (path == options.LivenessPath || path == options.ReadinessPath || path.StartsWith("/grpc.health.v1.", StringComparison.Ordinal));
}
