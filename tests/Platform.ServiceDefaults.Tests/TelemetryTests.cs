using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Platform.Testing.Otlp;

namespace Platform.ServiceDefaults.Tests;

public sealed class TelemetryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SpanStartedInRequestHandler_ReachesOtlpReceiver_AndLogLinesCarryItsTraceId()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var service = await SampleService.StartAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
        });

        // The caller starts the trace, as the gateway will: the service must continue it.
        var traceId = ActivityTraceId.CreateRandom();
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/work/5");
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"status {response.StatusCode}");

        // The JSON log line written inside the handler carries the trace id.
        var line = await service.Process.WaitForLineAsync(l => l.Contains("working for 5 ms", StringComparison.Ordinal), Timeout);
        Assert.Equal(traceId.ToHexString(), TraceIdOf(line));

        // The handler's own span is exported over OTLP in that same trace (ids are raw bytes in OTLP protobuf).
        var traceIdBytes = Convert.FromHexString(traceId.ToHexString());
        var spanName = Encoding.UTF8.GetBytes("sample.work");
        await receiver.WaitForAsync("/v1/traces",
            body => body.AsSpan().IndexOf(traceIdBytes) >= 0 && body.AsSpan().IndexOf(spanName) >= 0, Timeout);

        // So are the log records, next to their spans.
        await receiver.WaitForAsync("/v1/logs",
            body => body.AsSpan().IndexOf(traceIdBytes) >= 0 && body.AsSpan().IndexOf("working for"u8) >= 0, Timeout);
    }

    [Fact]
    public async Task ServerSpan_IsNamedAfterRouteAndCarriesHttpAttributes()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var service = await SampleService.StartAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });

        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        (await http.GetAsync("/work/1")).EnsureSuccessStatusCode();

        await receiver.WaitForAsync("/v1/traces",
            body => body.AsSpan().IndexOf("GET /work/{ms:int}"u8) >= 0
                && body.AsSpan().IndexOf("http.route"u8) >= 0
                && body.AsSpan().IndexOf("http.response.status_code"u8) >= 0,
            Timeout);
    }

    private static string? TraceIdOf(string jsonLine)
    {
        using var json = JsonDocument.Parse(jsonLine);
        foreach (var scope in json.RootElement.GetProperty("Scopes").EnumerateArray())
        {
            if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out var id))
            {
                return id.GetString();
            }
        }

        return null;
    }
}
