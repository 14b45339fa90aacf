using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Logging;

internal static class LoggingExtensions
{
    /// <summary>
    /// One JSON object per line on stdout (what Kubernetes log collectors expect). Every line written
    /// inside a traced operation carries a scope with <c>TraceId</c> and <c>SpanId</c>, so a log line
    /// leads to its trace and back.
    /// </summary>
    public static void AddStructuredLogging(this IHostApplicationBuilder builder, ServiceDefaultsOptions options)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        if (!options.JsonConsoleLogs)
        {
            return;
        }

        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
        });
    }
}
