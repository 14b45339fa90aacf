using System.Net;
using System.Text.Json.Nodes;
using Platform.Gateway.Api;
using static Platform.Gateway.Tests.GatewayConfig;

namespace Platform.Gateway.Tests;

/// <summary>
/// The REST routes against the real document, entity and prediction services: every method the protos
/// annotate is called at least once through JSON (the last test checks that none was missed), and bad
/// requests come back as JSON errors with the matching HTTP status.
/// </summary>
[Collection(RunningPlatformGroup.Name)]
public sealed class TranscodingTests(RunningPlatform platform) : IDisposable
{
    private const string Article = """
        The central bank will probably raise interest rates before the end of 2027, said Maria Okafor, chief
        economist at Harbour Capital. Inflation in Kenya is likely to fall below five percent by June 2027.
        Nairobi officials met the International Monetary Fund in Washington last week.
        """;

    private readonly HashSet<string> _called = [];

    private readonly RestClient _api = new(platform.Gateway.Address);

    private async Task<RestClient.Reply> Call(string method, HttpMethod verb, string path, string? key = null, object? body = null)
    {
        _called.Add(method);

        return await _api.SendAsync(verb, path, key, body);
    }

    private async Task<JsonNode> IngestAndWaitAsync(string title)
    {
        var ingested = RestClient.Ok(await Call("IngestDocument", HttpMethod.Post, "/v1/documents", ContributorKey, new JsonObject
        {
            ["content"] = Article + "\n" + title,
            ["title"] = title,
            ["authors"] = new JsonArray("Lena Ortiz"),
            ["outlet"] = "The Harbour Review",
            ["published"] = "2026-03-02",
        }));
        var id = ingested["document"]!["id"]!.GetValue<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var document = RestClient.Ok(await Call("GetDocument", HttpMethod.Get, $"/v1/documents/{id}"));
            var status = document["status"];
            if (status?["entities"]?["state"]?.GetValue<string>() == "STAGE_STATE_DONE"
                && status["predictions"]?["state"]?.GetValue<string>() == "STAGE_STATE_DONE")
            {
                return document;
            }

            Assert.True(DateTime.UtcNow < deadline, "the document was not processed within 30 s: " + document.ToJsonString());
            await Task.Delay(200);
        }
    }

    /// <summary>The three scenarios in one test, so it can check at the end that no annotated method was missed.</summary>
    [Fact]
    public async Task EveryAnnotatedMethod_WorksThroughJson()
    {
        await DocumentsScenario();
        await EntitiesScenario();
        await PredictionsScenario();

        var missed = RestRouteTable.ForPlatform().Routes.Select(m => m.Method.Name).Except(_called).ToList();
        Assert.True(missed.Count == 0, "not exercised through JSON: " + string.Join(", ", missed));
    }

    private async Task DocumentsScenario()
    {
        var document = await IngestAndWaitAsync("Documents through JSON");
        var id = document["id"]!.GetValue<string>();
        Assert.Equal("The Harbour Review", document["outlet"]!.GetValue<string>());
        Assert.Equal("2026-03-02T00:00:00Z", document["publishedTime"]!.GetValue<string>());

        var page = RestClient.Ok(await Call("ListDocuments", HttpMethod.Get, "/v1/documents?pageSize=50&outlet=The%20Harbour%20Review"));
        Assert.Contains(page["documents"]!.AsArray(), d => d!["id"]!.GetValue<string>() == id);

        var batch = RestClient.Ok(await Call("BatchGetDocuments", HttpMethod.Get, $"/v1/documents:batchGet?ids={id}&ids={id}"));
        Assert.Equal(id, batch["documents"]![0]!["id"]!.GetValue<string>());

        var updated = RestClient.Ok(await Call("UpdateDocumentMetadata", HttpMethod.Patch, $"/v1/documents/{id}?updateMask=title", ContributorKey,
            new JsonObject { ["title"] = "A better title" }));
        Assert.Equal("A better title", updated["title"]!.GetValue<string>());

        RestClient.Ok(await Call("DeleteDocument", HttpMethod.Delete, $"/v1/documents/{id}", AdminKey));
        var gone = await _api.GetAsync($"/v1/documents/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal("NOT_FOUND", gone.Json!["status"]!.GetValue<string>());
    }

    private async Task EntitiesScenario()
    {
        var document = await IngestAndWaitAsync("Entities through JSON");
        var search = RestClient.Ok(await Call("SearchEntities", HttpMethod.Get, "/v1/entities:search?query=Kenya&limit=3"));
        var kenya = search["matches"]![0]!["entity"]!;
        var kenyaId = kenya["id"]!.GetValue<string>();
        Assert.Equal("Kenya", kenya["canonicalName"]!.GetValue<string>());

        var got = RestClient.Ok(await Call("GetEntity", HttpMethod.Get, $"/v1/entities/{kenyaId}"));
        Assert.Equal("GPE", got["type"]!.GetValue<string>());
        var list = RestClient.Ok(await Call("ListEntities", HttpMethod.Get, "/v1/entities?pageSize=100"));
        Assert.Contains(list["entities"]!.AsArray(), e => e!["id"]!.GetValue<string>() == kenyaId);

        var mentions = RestClient.Ok(await Call("ListMentions", HttpMethod.Get, $"/v1/entities/{kenyaId}/mentions?documentId={document["id"]}"));
        Assert.NotEmpty(mentions["mentions"]!.AsArray());

        var aliased = RestClient.Ok(await Call("AddAlias", HttpMethod.Post, $"/v1/entities/{kenyaId}:addAlias", ResolverKey,
            new JsonObject { ["alias"] = "Republic of Kenya", ["note"] = "official name" }));
        Assert.Contains(aliased["aliases"]!.AsArray(), a => a!["name"]!.GetValue<string>() == "Republic of Kenya");

        var split = RestClient.Ok(await Call("SplitEntity", HttpMethod.Post, $"/v1/entities/{kenyaId}:split", ResolverKey,
            new JsonObject { ["aliases"] = new JsonArray("Republic of Kenya"), ["newCanonicalName"] = "Republic of Kenya", ["newType"] = "GPE" }));
        var createdId = split["created"]!["id"]!.GetValue<string>();

        var merged = RestClient.Ok(await Call("MergeEntities", HttpMethod.Post, $"/v1/entities/{kenyaId}:merge", ResolverKey,
            new JsonObject { ["sourceIds"] = new JsonArray(createdId), ["note"] = "same country" }));
        Assert.Equal(kenyaId, merged["id"]!.GetValue<string>());

        var edits = RestClient.Ok(await Call("ListEntityEdits", HttpMethod.Get, $"/v1/entities/{kenyaId}/edits"));
        var editors = edits["edits"]!.AsArray().Select(e => e!.ToJsonString()).ToList();
        Assert.Contains(editors, e => e.Contains("key:tests-resolver", StringComparison.Ordinal));
    }

    private async Task PredictionsScenario()
    {
        var document = await IngestAndWaitAsync("Predictions through JSON");
        var documentId = document["id"]!.GetValue<string>();
        var found = RestClient.Ok(await Call("ListPredictions", HttpMethod.Get, $"/v1/predictions?documentId={documentId}&pageSize=20"));
        var extracted = found["predictions"]!.AsArray();
        Assert.NotEmpty(extracted);
        var firstId = extracted[0]!["id"]!.GetValue<string>();
        var first = RestClient.Ok(await Call("GetPrediction", HttpMethod.Get, $"/v1/predictions/{firstId}"));
        Assert.InRange(first["probability"]!.GetValue<double>(), 0.01, 0.99);

        var created = RestClient.Ok(await Call("CreatePrediction", HttpMethod.Post, "/v1/predictions", ResolverKey, new JsonObject
        {
            ["claim"] = "Kenya holds a snap election before 2026-06-01",
            ["predictor"] = "Lena Ortiz",
            ["probability"] = 0.2,
            ["deadline"] = "2026-06-01",
            ["publishedTime"] = "2026-01-10T00:00:00Z",
            ["note"] = "added by hand",
        }));
        var createdId = created["id"]!.GetValue<string>();
        var updated = RestClient.Ok(await Call("UpdatePrediction", HttpMethod.Patch, $"/v1/predictions/{createdId}", ResolverKey,
            new JsonObject { ["probability"] = 0.25, ["note"] = "re-read the hedge" }));
        Assert.Equal(0.25, updated["probability"]!.GetValue<double>());

        var rejected = RestClient.Ok(await Call("RejectPrediction", HttpMethod.Post, $"/v1/predictions/{createdId}:reject", ResolverKey,
            new JsonObject { ["reason"] = "not a forecast after all" }));
        Assert.Equal("REJECTED", rejected["status"]!.GetValue<string>());

        var due = RestClient.Ok(await Call("ListDue", HttpMethod.Get, "/v1/predictions:due?asOf=2030-01-01&pageSize=100"));
        Assert.Contains(due["predictions"]!.AsArray(), p => p!["id"]!.GetValue<string>() == firstId);

        var resolved = RestClient.Ok(await Call("ResolvePrediction", HttpMethod.Post, $"/v1/predictions/{firstId}:resolve", ResolverKey,
            new JsonObject { ["outcome"] = "TRUE", ["note"] = "it happened", ["resolvedTime"] = "2026-10-01T00:00:00Z" }));
        var resolution = resolved["resolutions"]!.AsArray()[^1]!;
        Assert.Equal("TRUE", resolution["outcome"]!.GetValue<string>());
        Assert.Equal("key:tests-resolver", resolution["resolver"]!.GetValue<string>());

        var board = RestClient.Ok(await Call("GetScoreboard", HttpMethod.Get, "/v1/scoreboard?group=PREDICTOR&minResolved=1&includeCalibration=true"));
        Assert.NotEmpty(board["entries"]!.AsArray());
        var predictor = Uri.EscapeDataString(first["predictor"]!.GetValue<string>());
        var profile = RestClient.Ok(await Call("GetPredictorProfile", HttpMethod.Get, $"/v1/predictors/{predictor}?recent=5"));
        Assert.Equal(first["predictor"]!.GetValue<string>(), profile["name"]!.GetValue<string>());
        RestClient.Ok(await Call("SuggestEvidence", HttpMethod.Get, $"/v1/documents/{documentId}/evidence?limit=5"));
    }

    [Fact]
    public async Task BadRequests_ComeBackAsJsonErrorsWithTheMatchingStatus()
    {
        var unknownParameter = await _api.GetAsync("/v1/predictions?colour=blue");
        Assert.Equal(HttpStatusCode.BadRequest, unknownParameter.Status);
        Assert.Contains("colour", unknownParameter.Error, StringComparison.Ordinal);

        var notANumber = await _api.GetAsync("/v1/predictions?pageSize=many");
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.Status);
        Assert.Equal("INVALID_ARGUMENT", notANumber.Json!["status"]!.GetValue<string>());

        var badJson = await _api.SendAsync(HttpMethod.Post, "/v1/documents", ContributorKey, "{\"content\": ");
        Assert.Equal(HttpStatusCode.BadRequest, badJson.Status);
        Assert.Contains("not valid JSON", badJson.Error, StringComparison.Ordinal);

        var unknownField = await _api.PostAsync("/v1/documents", new JsonObject { ["content"] = "x", ["colour"] = "blue" }, ContributorKey);
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.Status);
        Assert.Contains("colour", unknownField.Error, StringComparison.Ordinal);

        // The service's own validation, relayed: an empty article is INVALID_ARGUMENT naming the field.
        var empty = await _api.PostAsync("/v1/documents", new JsonObject { ["content"] = "   " }, ContributorKey);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("content", empty.Error, StringComparison.Ordinal);

        var missing = await _api.GetAsync("/v1/predictions/prd_0000000000000000");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);

        var wrongVerb = await _api.SendAsync(HttpMethod.Put, "/v1/scoreboard");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongVerb.Status);
        Assert.Equal("GET", wrongVerb.Response.Content.Headers.Allow.Single());

        var noRoute = await _api.GetAsync("/v1/horoscopes");
        Assert.Equal(HttpStatusCode.NotFound, noRoute.Status);
    }

    [Fact]
    public async Task OpenApiDocument_ListsEveryRouteWithItsRole()
    {
        var reply = await _api.GetAsync("/openapi.json");
        var paths = RestClient.Ok(reply)["paths"]!.AsObject();
        foreach (var method in RestRouteTable.ForPlatform().Routes)
        {
            var operation = paths[method.Template]?[method.HttpMethod.ToLowerInvariant()];
            Assert.True(operation is not null, $"{method.HttpMethod} {method.Template} is missing from /openapi.json");
            Assert.Equal(method.GrpcPath, operation!["x-grpc-method"]!.GetValue<string>());
        }

        Assert.Equal("resolver", paths["/v1/predictions/{id}:resolve"]!["post"]!["x-required-role"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/platform.predictions.v1.Scoreboard",
            paths["/v1/scoreboard"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    public void Dispose() => _api.Dispose();
}
