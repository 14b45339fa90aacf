using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Bridges the host's logging to the OpenTelemetry SDK's logger factory, so log records are exported
/// over OTLP next to the spans they belong to. (The SDK's LoggerProvider is not an ILoggerProvider.)
/// The SDK itself is owned and disposed by the host's container, not by this provider.
/// </summary>
internal sealed class OpenTelemetryLoggerProvider(ILoggerFactory sdkLoggerFactory) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => sdkLoggerFactory.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
