namespace Platform.ServiceDefaults.SampleService;

internal static partial class SampleLog
{
    [LoggerMessage(1, LogLevel.Information, "working for {DurationMs} ms")]
    public static partial void Working(ILogger logger, int durationMs);

    [LoggerMessage(2, LogLevel.Information, "finished after {DurationMs} ms")]
    public static partial void Finished(ILogger logger, int durationMs);
}
