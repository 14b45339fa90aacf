using System.Diagnostics;
using System.Text.Json.Nodes;
using Platform.Testing;
using Platform.Testing.Otlp;

namespace Platform.Gateway.Tests;

/// <summary>
/// One article ingested through the gateway is one trace, end to end: the gateway, the document service's ingest,
/// the outbox hand-off (which happens later, in the background), entity recognition and forecast extraction,
/// each exported by its own process to a real OTLP/HTTP receiver.
/// </summary>
public sealed class TracingTests
{
    private static readonly Dictionary<string, string> Telemetry = new()
    {
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
    };

    [Fact]
    public async Task IngestThroughGateway_IsOneTrace_FromGatewayToDocumentsEntitiesAndPredictions()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var data = Directory.CreateTempSubdirectory("tracing-").FullName;
        var settings = new Dictionary<string, string>(Telemetry) { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint };
        await using var entities = await GrpcServiceProcess.StartAsync("Platform.Entities", data, settings);
        await using var predictions = await GrpcServiceProcess.StartAsync("Platform.Predictions", data, settings);
        await using var documents = await GrpcServiceProcess.StartAsync("Platform.Documents", data, new Dictionary<string, string>(settings)
        {
            ["Dispatch__EntitiesAddress"] = entities.Address,
            ["Dispatch__PredictionsAddress"] = predictions.Address,
            ["Dispatch__PollInterval"] = "00:00:00.100",
        });
        await using var gateway = await GatewayProcess.StartAsync(GatewayProcess.Configuration(
            new JsonObject { ["ApiKeys"] = GatewayConfig.ApiKeys(), ["RateLimits"] = GatewayConfig.HighRateLimits() },
            clusters: new JsonObject
            {
                ["documents"] = GatewayConfig.Cluster(documents.Address),
                ["entities"] = GatewayConfig.Cluster(entities.Address),
                ["predictions"] = GatewayConfig.Cluster(predictions.Address),
            }), settings);

        // The caller starts the trace; every process must continue it.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var http = new HttpClient { BaseAddress = gateway.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/documents")
        {
            Content = JsonContent(new JsonObject
            {
                ["content"] = "Mosul, 3 March 2017. The army will probably retake the old city of Mosul before the summer, "
                    + "General Ahmed Hassan said on Friday. Analysts at the International Crisis Group expect fighting to last months.",
                ["format"] = "CONTENT_FORMAT_PLAIN_TEXT",
                ["title"] = "Tracing the battle for Mosul",
            }),
        };
        request.Headers.Add("x-api-key", GatewayConfig.ContributorKey);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

        (string Service, string Span)[] expected =
        [
            ("Platform.Gateway", ""),
            ("Platform.Documents", "ingest document"),
            ("Platform.Documents", "dispatch extract"),
            ("Platform.Entities", "recognize entities"),
            ("Platform.Predictions", "extract forecasts"),
        ];
        // Not just the same trace id: each platform span hangs under a span of that trace. (A server span ends, and is
        // exported, after the handler's own span, so the wait covers the parents too.)
        var spans = await WaitForAsync(receiver, traceId, expected);
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        foreach (var span in spans.Where(s => s.Name is "dispatch extract" or "recognize entities" or "extract forecasts"))
        {
            Assert.True(ids.Contains(span.ParentSpanId), $"{span} has no parent in the trace:\n{string.Join('\n', spans)}");
        }

        Directory.Delete(data, recursive: true);
    }

    private static async Task<IReadOnlyList<OtlpSpan>> WaitForAsync(OtlpReceiver receiver, string traceId, (string Service, string Span)[] expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var trace = receiver.Spans().Where(s => s.TraceId == traceId).ToList();
            var missing = expected.Where(e => !trace.Any(s => s.Service == e.Service && (e.Span.Length == 0 || s.Name == e.Span))).ToList();
            var ids = trace.Select(s => s.SpanId).ToHashSet();
            var orphans = trace.Count(s => s.Service != "Platform.Gateway" && !ids.Contains(s.ParentSpanId));
            if (missing.Count == 0 && orphans == 0)
            {
                return trace;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.True(missing.Count == 0, $"Trace {traceId} lacks {string.Join(", ", missing)}; it has:\n{string.Join('\n', trace)}");
                return trace; // the caller's assertions name the span without a parent
            }

            await Task.Delay(200);
        }
    }

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
