using System.Diagnostics;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.SampleService;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
var source = new ActivitySource("Platform.SampleService");

// Simulates a request that takes a while: opens its own span, logs inside it, then works for `ms`.
// It deliberately ignores the request-aborted token, so the shutdown tests see whether the host waits.
app.MapGet("/work/{ms:int}", async (int ms, ILogger<Program> logger) =>
{
    using var activity = source.StartActivity("sample.work");
    activity?.SetTag("sample.duration_ms", ms);
    SampleLog.Working(logger, ms);
    await Task.Delay(ms);
    SampleLog.Finished(logger, ms);
    return Results.Text($"done after {ms} ms");
});

app.Run();
