using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Gateway.Api;
using Xunit.Abstractions;
using static Platform.Gateway.Tests.GatewayConfig;

namespace Platform.Gateway.Tests;

/// <summary>
/// 10,000 generated and mutated requests across every REST route (see <see cref="RestFuzzCases"/>), through the
/// gateway to the real services: never a 5xx, every error in the platform's JSON error shape, and the platform still
/// answering afterwards. The seed is fixed (RESTFUZZ_SEED overrides it) and each request is rebuilt from the seed and
/// its number alone, so a failure names what to replay.
/// </summary>
[Collection(RunningPlatformGroup.Name)]
public sealed class RestFuzzTests(RunningPlatform platform, ITestOutputHelper output) : IDisposable
{
    private const int Requests = 10_000;
    private const int InFlight = 8;
    private const int DefaultSeed = 20_260_314;

    private const string Article = """
        The Quennimore Ferry Company will probably open a new line to Skellig Harbour before 2028, said Orsolya Quennimore,
        chief executive of the company. Tibor Marrowgate, a transport analyst at Brightwater Partners in Lisbon, said fares
        are likely to rise by ten percent by June 2027.
        """;

    /// <summary>google.rpc.Code names by number.</summary>
    private static readonly string[] CodeNames =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    private readonly RestClient _api = new(platform.Gateway.Address);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) }; // a request that hangs fails as "no response"

    private sealed record Failure(FuzzRequest Request, int Status, string Problem, string Response)
    {
        public string Kind => $"{Request.RouteName} | {Request.Mutation.Split('(')[0]} | {Status} | {Problem}";
    }

    [Fact]
    public async Task TenThousandMutatedRequests_NeverA5xx_AlwaysTheErrorShape_AndThePlatformStillAnswers()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("RESTFUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var routes = RestRouteTable.ForPlatform().Routes.OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.HttpMethod, StringComparer.Ordinal).ToList();
        var cases = new RestFuzzCases(seed, routes, await CreateRecordsAsync(), AdminKey);

        var failures = new ConcurrentBag<Failure>();
        var statuses = new ConcurrentDictionary<string, int>();
        var perRoute = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (index, _) =>
        {
            var request = cases.Create(index);
            perRoute.AddOrUpdate(request.RouteName, 1, (_, n) => n + 1);
            var (status, problem, response) = await SendAndCheckAsync(cases, request);
            statuses.AddOrUpdate($"{request.Mutation.Split('(')[0]} {status}", 1, (_, n) => n + 1);
            if (problem is not null)
            {
                failures.Add(new Failure(request, status, problem, response));
            }
        });
        var fuzzTime = clock.Elapsed;

        output.WriteLine($"seed {seed}: {Requests} requests over {routes.Count} routes in {fuzzTime.TotalSeconds:F1} s; statuses by mutation:");
        foreach (var mutation in statuses.GroupBy(p => p.Key.Split(' ')[0]).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {mutation.Key}: {string.Join(", ", mutation.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key.Split(' ')[1]} x{p.Value}"))}");
        }

        var uncovered = routes.Select(r => $"{r.HttpMethod} {r.Template}").Where(r => perRoute.GetValueOrDefault(r) < Requests / routes.Count).ToList();
        Assert.True(uncovered.Count == 0, "routes the fuzz sent too few requests to: " + string.Join(", ", uncovered));

        foreach (var kind in failures.OrderBy(f => f.Request.Index).GroupBy(f => f.Kind))
        {
            output.WriteLine($"- {kind.Key} (x{kind.Count()}): {kind.First().Request.Describe()} {kind.First().Request.Mutation} -> {kind.First().Response}");
        }

        var stillAnswering = await StillAnsweringAsync();
        Assert.True(failures.IsEmpty && stillAnswering.Count == 0, Summary(seed, failures, stillAnswering, fuzzTime));
    }

    /// <summary>Over-long URLs, below Kestrel's own 64 KiB ceiling: the gateway's 414 in the error shape, not Kestrel's empty one.</summary>
    [Fact]
    public async Task OverLongUrls_AnswerWithTheErrorShape()
    {
        var cases = new[]
        {
            "/v1/documents/" + new string('x', 9_000),
            "/v1/predictions?predictor=" + new string('q', 20_000),
            "/v1/documents:batchGet?" + string.Join('&', Enumerable.Repeat("ids=doc_0000000000000000", 2_000)),
        };
        var problems = new List<string>();
        foreach (var url in cases)
        {
            var request = new FuzzRequest(0, RestRouteTable.ForPlatform().Routes[0], "over-long-url", "GET", url, null, null, "anonymous", false);
            var (status, problem, response) = await SendAndCheckAsync(null, request);
            if (problem is not null)
            {
                problems.Add($"GET {FuzzRequest.Clip(url, 80)} ({url.Length} chars): {status} {problem}: {response}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private async Task<(int Status, string? Problem, string Response)> SendAndCheckAsync(RestFuzzCases? cases, FuzzRequest fuzz)
    {
        using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), platform.Gateway.Address.GetLeftPart(UriPartial.Authority) + fuzz.PathAndQuery);
        if (fuzz.Http2)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        if (cases?.KeyFor(fuzz) is { } key)
        {
            request.Headers.Add("x-api-key", key);
        }

        if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
            if (fuzz.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
            }
        }

        try
        {
            using var response = await _http.SendAsync(request);
            string text;
            try
            {
                text = await response.Content.ReadAsStringAsync(); // in the charset the response names (a UTF-16 request gets UTF-16)
            }
            catch (InvalidOperationException)
            {
                text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
            }

            var status = (int)response.StatusCode;
            var shown = $"{FuzzRequest.Clip(text, 200)} [{response.Content.Headers.ContentType}]";
            return (status, Check(status, response.Content.Headers.ContentType?.MediaType, text), shown);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (0, $"no response: {e.GetType().Name}", FuzzRequest.Clip(e.GetBaseException().Message, 200));
        }
    }

    /// <summary>What is wrong with the response, or null: no 5xx, and every error is the platform's JSON error body.</summary>
    private static string? Check(int status, string? mediaType, string body)
    {
        if (status >= 500)
        {
            return "server error";
        }

        if (status is < 200 or (>= 300 and < 400))
        {
            return "unexpected status";
        }

        if (status < 400)
        {
            return body.Length > 0 && !IsJson(body) ? "success body is not JSON" : null;
        }

        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return $"error content-type is {mediaType ?? "missing"}";
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return "error body is not JSON";
        }

        if (json is not JsonObject error)
        {
            return "error body is not a JSON object";
        }

        if (error["code"] is not JsonValue code || code.GetValueKind() != JsonValueKind.Number || !code.TryGetValue(out int number) || number is < 1 or > 16)
        {
            return "error 'code' is not a gRPC code (1-16)";
        }

        if (error["status"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String || name.GetValue<string>() != CodeNames[number])
        {
            return $"error 'status' is not {CodeNames[number]}";
        }

        if (error["message"] is not JsonValue message || message.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(message.GetValue<string>()))
        {
            return "error 'message' is missing or empty";
        }

        var extra = error.Select(p => p.Key).Except(["code", "status", "message"]).ToList();
        return extra.Count > 0 ? $"error body has other properties: {string.Join(", ", extra)}" : null;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// A processed document with two entities (one with the alias the split seed moves), a document the fuzz may delete, and
    /// two predictions of the fuzz's own, one of them the only one it may reject.
    /// </summary>
    private async Task<FuzzIds> CreateRecordsAsync()
    {
        var documentId = await IngestAsync(Article, "Fuzz target");
        var victimId = await IngestAsync("Harbour officials said the ferry timetable will likely change before March 2027, according to Ilse Brandvold.", "Fuzz victim");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = RestClient.Ok(await _api.GetAsync($"/v1/documents/{documentId}", AdminKey))["status"];
            if (status?["entities"]?["state"]?.GetValue<string>() == "STAGE_STATE_DONE" && status["predictions"]?["state"]?.GetValue<string>() == "STAGE_STATE_DONE")
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the fuzz's document was not processed within 60 s: " + status?.ToJsonString());
            await Task.Delay(200);
        }

        async Task<string> EntityAsync(string query, string fallback)
        {
            var found = RestClient.Ok(await _api.GetAsync($"/v1/entities:search?query={query}&limit=1", AdminKey));
            return found["matches"]?.AsArray() is [{ } match, ..] ? match["entity"]!["id"]!.GetValue<string>() : fallback;
        }

        var entityId = await EntityAsync("Quennimore", "ent_00000000000000000000");
        var otherId = await EntityAsync("Marrowgate", "ent_00000000000000000001");
        if (!entityId.StartsWith("ent_0000", StringComparison.Ordinal))
        {
            RestClient.Ok(await _api.PostAsync($"/v1/entities/{entityId}:addAlias", new JsonObject { ["alias"] = "Fuzz Alias" }, AdminKey));
        }

        async Task<string> PredictionAsync(string claim) => RestClient.Ok(await _api.PostAsync("/v1/predictions", new JsonObject
        {
            ["claim"] = claim, ["predictor"] = "Fuzz Forecaster", ["probability"] = 0.4,
            ["deadline"] = "2028-01-01", ["publishedTime"] = "2026-01-10T00:00:00Z", ["note"] = "fuzz",
        }, AdminKey))["id"]!.GetValue<string>();

        var ids = new FuzzIds(documentId, victimId, entityId, otherId, await PredictionAsync("The Skellig Harbour ferry line opens before 2028-01-01"),
            await PredictionAsync("Skellig Harbour fares rise by ten percent before 2028-01-01"), "Fuzz Forecaster");
        output.WriteLine($"records: {ids}");
        return ids;
    }

    private async Task<string> IngestAsync(string content, string title)
    {
        var ingested = RestClient.Ok(await _api.PostAsync("/v1/documents", new JsonObject
        {
            ["content"] = content, ["title"] = title, ["outlet"] = "The Fuzz Gazette", ["published"] = "2026-03-02",
        }, AdminKey));
        return ingested["document"]!["id"]!.GetValue<string>();
    }

    /// <summary>After the fuzz: health, the scoreboard, a list from each service, and a new document written and read back.</summary>
    private async Task<List<string>> StillAnsweringAsync()
    {
        var problems = new List<string>();
        async Task<JsonNode?> Expect200(string what, Func<Task<RestClient.Reply>> call)
        {
            try
            {
                var reply = await call();
                if (reply.Status == HttpStatusCode.OK)
                {
                    return reply.Json ?? new JsonObject();
                }

                problems.Add($"{what}: {reply}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                problems.Add($"{what}: {e.GetType().Name}: {e.Message}");
            }

            return null;
        }

        await Expect200("GET /health/ready", () => _api.GetAsync("/health/ready"));
        await Expect200("GET /v1/scoreboard", () => _api.GetAsync("/v1/scoreboard"));
        foreach (var list in new[] { "/v1/documents?pageSize=1", "/v1/entities?pageSize=1", "/v1/predictions?pageSize=1" })
        {
            await Expect200("GET " + list, () => _api.GetAsync(list, AdminKey));
        }

        var title = "After the fuzz " + Guid.NewGuid().ToString("N");
        var created = await Expect200("POST /v1/documents", () => _api.PostAsync("/v1/documents",
            new JsonObject { ["content"] = Article + "\n" + title, ["title"] = title }, AdminKey));
        if (created?["document"]?["id"]?.GetValue<string>() is { } id)
        {
            var read = await Expect200($"GET /v1/documents/{id}", () => _api.GetAsync($"/v1/documents/{id}", AdminKey));
            if (read is not null && read["title"]?.GetValue<string>() != title)
            {
                problems.Add($"the document read back has title {read["title"]}, not {title}");
            }
        }

        return problems;
    }

    private string Summary(int seed, IEnumerable<Failure> failures, List<string> stillAnswering, TimeSpan fuzzTime)
    {
        var all = failures.OrderBy(f => f.Request.Index).ToList();
        // One of each (mutation, status, problem) first, so the 20 shown cover every family before repeating one on another route.
        var kinds = all.GroupBy(f => f.Kind).GroupBy(k => k.Key[(k.Key.IndexOf(" | ", StringComparison.Ordinal) + 3)..])
            .SelectMany(family => family.Select((kind, rank) => (kind, rank))).OrderBy(k => k.rank).ThenBy(k => k.kind.First().Request.Index)
            .Select(k => k.kind).ToList();
        var text = new StringBuilder($"REST fuzz, seed {seed} (RESTFUZZ_SEED={seed} replays it; request #n is rebuilt by RestFuzzCases.Create(n)), ")
            .AppendLine($"{Requests} requests in {fuzzTime.TotalSeconds:F1} s: {all.Count} failed, {kinds.Count} kinds of failure.");
        foreach (var kind in kinds.Take(20))
        {
            var first = kind.First();
            text.AppendLine($"- {kind.Key} (x{kind.Count()})")
                .AppendLine($"    {first.Request.Describe()} mutation {first.Request.Mutation}")
                .AppendLine($"    -> {first.Status} {first.Response}");
        }

        if (kinds.Count > 20)
        {
            text.AppendLine($"... and {kinds.Count - 20} more kinds.");
        }

        foreach (var problem in stillAnswering)
        {
            text.AppendLine("Not answering after the fuzz: " + problem);
        }

        // Each "fail:" a process logged, with the two lines after it (what failed, and the exception).
        var logs = new[] { ("gateway", platform.Gateway.Output), ("documents", platform.Documents.Output), ("entities", platform.Entities.Output), ("predictions", platform.Predictions.Output) }
            .SelectMany(p =>
            {
                var lines = p.Item2.Split('\n');
                return lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("fail:", StringComparison.Ordinal))
                    .Select(x => $"  [{p.Item1}] " + string.Join(" / ", lines.Skip(x.i).Take(3)
                        .Where(l => !l.TrimStart().StartsWith("Connection id", StringComparison.Ordinal)).Select(l => FuzzRequest.Clip(l.Trim(), 200))));
            })
            .Distinct().Take(15).ToList();
        if (logs.Count > 0)
        {
            text.AppendLine("Errors the processes logged:").AppendLine(string.Join('\n', logs));
        }

        return text.ToString();
    }

    public void Dispose()
    {
        _api.Dispose();
        _http.Dispose();
    }
}
