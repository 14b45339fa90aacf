using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Grpc.Core;
using Platform.Documents.V1;
using Platform.Entities.V1;
using Platform.Predictions.V1;

namespace Platform.ServiceDefaults.Tests.Grpc;

/// <summary>
/// The real document, entity and prediction services answering their google.api.http routes in JSON themselves, over
/// HTTP/2 cleartext as the gateway forwards them: the shapes Google.Protobuf's formatter writes, the platform's error
/// body and HTTP statuses, and the requests transcoding alone would let through refused, naming what is wrong.
/// </summary>
[Collection(PlatformServicesDefinition.Name)]
public sealed class PlatformJsonTests(PlatformServices platform) : IDisposable
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    private readonly JsonApi _documents = new(platform.Documents.Address);
    private readonly JsonApi _entities = new(platform.Entities.Address);
    private readonly JsonApi _predictions = new(platform.Predictions.Address);

    [Fact]
    public async Task Responses_AreWhatGoogleProtobufsFormatterWrites_AndAreNotCached()
    {
        var options = PlatformServices.Options();
        var prediction = await new PredictionService.PredictionServiceClient(platform.Predictions.Channel)
            .GetPredictionAsync(new GetPredictionRequest { Id = platform.PredictionId }, options);
        var entity = await new EntityService.EntityServiceClient(platform.Entities.Channel)
            .GetEntityAsync(new GetEntityRequest { Id = platform.EntityId }, options);
        var document = await new DocumentService.DocumentServiceClient(platform.Documents.Channel)
            .GetDocumentAsync(new GetDocumentRequest { Id = platform.DocumentId }, options);

        var predictionJson = await AssertSameJsonAsync(_predictions, $"/v1/predictions/{platform.PredictionId}", prediction);
        var entityJson = await AssertSameJsonAsync(_entities, $"/v1/entities/{platform.EntityId}", entity);
        var documentJson = await AssertSameJsonAsync(_documents, $"/v1/documents/{platform.DocumentId}", document);

        // lowerCamelCase names, enums by name, int64 as strings, RFC 3339 times, default values left out.
        Assert.Equal("doc-seed", predictionJson["documentId"]!.GetValue<string>());
        Assert.Contains(predictionJson["status"]!.GetValue<string>(), Prediction.Descriptor.FindFieldByName("status").EnumType.Values.Select(v => v.Name));
        Assert.Equal(JsonValueKind.String, entityJson["mentionCount"]!.GetValueKind());
        Assert.Equal(entity.MentionCount.ToString(System.Globalization.CultureInfo.InvariantCulture), entityJson["mentionCount"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", documentJson["publishedTime"]!.GetValue<string>());
        Assert.All(new[] { predictionJson, entityJson, documentJson }.SelectMany(Scalars), value =>
            Assert.False(value.ToJsonString() is "false" or "0" or "\"\"" or "[]", $"a default value was written: {value.GetPath()}"));
    }

    [Fact]
    public async Task QueryParameters_ByJsonOrProtoName_Filter()
    {
        var byJsonName = await _predictions.GetAsync("/v1/predictions?documentId=doc-seed&pageSize=50");
        var byProtoName = await _predictions.GetAsync("/v1/predictions?document_id=doc-seed&page_size=50");
        var other = await _predictions.GetAsync("/v1/predictions?documentId=doc-other");

        Assert.Equal(HttpStatusCode.OK, byJsonName.Status);
        Assert.Contains(byJsonName.Json!["predictions"]!.AsArray(), p => p!["id"]!.GetValue<string>() == platform.PredictionId);
        Assert.Equal(byJsonName.Text, byProtoName.Text);
        Assert.Equal("{}", other.Text);
    }

    [Fact]
    public async Task UnknownOrMisplacedQueryParameters_Are400_NamingThem()
    {
        (await _predictions.GetAsync("/v1/predictions?colour=blue")).AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT",
            "Unknown query parameter 'colour': ListPredictionsRequest has no field 'colour'.");
        (await _predictions.GetAsync($"/v1/predictions/{platform.PredictionId}?id=prd_other")).AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT",
            "The query parameter 'id' is already given by the path.");
        (await _predictions.SendAsync(HttpMethod.Post, "/v1/predictions?claim=x", "{}")).AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT",
            "Unknown query parameter 'claim': CreatePrediction takes its fields in the JSON body, not in the query string.");
        (await _documents.GetAsync("/v1/documents:batchGet?ids=a&ids=b&pageSize=1")).AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT",
            "Unknown query parameter 'pageSize': BatchGetDocumentsRequest has no field 'pageSize'.");
    }

    [Fact]
    public async Task QueryValuesThatDoNotParse_Are400_NamingTheParameter()
    {
        var notANumber = await _predictions.GetAsync("/v1/predictions?pageSize=many");
        notANumber.AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT", "The query parameter 'pageSize' must be an integer, not 'many'.");

        (await _predictions.GetAsync("/v1/predictions?pageSize=1&pageSize=2")).AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT",
            "The query parameter 'pageSize' is given 2 times but takes one value.");
        (await _predictions.GetAsync("/v1/scoreboard?includeCalibration=yes")).AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT",
            "The query parameter 'includeCalibration' must be true or false, not 'yes'.");
        (await _predictions.GetAsync("/v1/scoreboard?group=COLOUR")).AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT",
            "The query parameter 'group' must be one of SCORE_GROUP_UNSPECIFIED, PREDICTOR, OUTLET, ENTITY, not 'COLOUR'.");
        (await _documents.GetAsync("/v1/documents?publishedAfter=yesterday")).AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT",
            "The query parameter 'publishedAfter' must be an RFC 3339 time such as 2026-03-02T00:00:00Z, not 'yesterday'.");
        Assert.Equal(HttpStatusCode.OK, (await _documents.GetAsync("/v1/documents?publishedAfter=2016-01-01T00:00:00Z&processingState=STAGE_STATE_DONE")).Status);
    }

    [Fact]
    public async Task BodiesThatAreNotJsonOrDoNotFit_Are400_NamingTheField()
    {
        var badJson = await _documents.SendAsync(HttpMethod.Post, "/v1/documents", "{\"content\": ", PlatformServices.Caller);
        badJson.AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT");
        Assert.StartsWith("The request body is not valid JSON: ", badJson.Message, StringComparison.Ordinal);

        (await _documents.PostAsync("/v1/documents", new JsonObject { ["content"] = "x", ["colour"] = "blue" }, PlatformServices.Caller))
            .AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT", "Unknown field 'colour' in the request body: IngestDocumentRequest has no field 'colour'.");
        // Valid JSON, but half a UTF-16 pair: named, never a 500 with a stack trace.
        (await _documents.SendAsync(HttpMethod.Post, "/v1/documents", """{"content": "\ud800 alone"}""", PlatformServices.Caller))
            .AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT",
                "The request body field 'content' holds half of a UTF-16 surrogate pair (such as \\ud800 alone): send whole characters.");
        (await _documents.PostAsync("/v1/documents", new JsonObject { ["content"] = "x", ["authors"] = "Lena Ortiz" }, PlatformServices.Caller))
            .AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT", "The request body field 'authors' must be a JSON array, not a string.");
        (await _documents.PostAsync("/v1/documents", new JsonObject { ["content"] = "x", ["publishedTime"] = "2026-13-01" }, PlatformServices.Caller))
            .AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT",
                "The request body field 'publishedTime' must be an RFC 3339 time such as 2026-03-02T00:00:00Z, not a string.");
        (await _predictions.PostAsync("/v1/predictions/x:resolve", new JsonObject { ["outcome"] = "MAYBE" }, PlatformServices.Caller))
            .AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT",
                "The request body field 'outcome' must be one of OUTCOME_UNSPECIFIED, TRUE, FALSE, PARTIAL, ANNULLED, not a string.");
        (await _predictions.PostAsync("/v1/predictions", new JsonObject { ["claim"] = "x", ["probability"] = "0.5" }, PlatformServices.Caller))
            .AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT", "The request body field 'probability' must be a number, not a string.");
        // The body of UpdateDocumentMetadata is the document alone: its fields, not the request's, are the ones known.
        (await _documents.SendAsync(HttpMethod.Patch, "/v1/documents/doc-x?updateMask=title", """{"title": "t", "updateMask": "title"}""", PlatformServices.Caller))
            .AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT", "Unknown field 'updateMask' in the request body: Document has no field 'updateMask'.");
    }

    [Fact]
    public async Task ServiceStatuses_ComeBackWithTheirMessagesUnchanged_AndTheMatchingHttpStatus()
    {
        var options = PlatformServices.Options();
        var missing = await Assert.ThrowsAsync<RpcException>(() => new PredictionService.PredictionServiceClient(platform.Predictions.Channel)
            .GetPredictionAsync(new GetPredictionRequest { Id = "prd_0000000000000000" }, options).ResponseAsync);
        var empty = await Assert.ThrowsAsync<RpcException>(() => new DocumentService.DocumentServiceClient(platform.Documents.Channel)
            .IngestDocumentAsync(new IngestDocumentRequest { Content = "   " }, options).ResponseAsync);

        var notFound = await _predictions.GetAsync("/v1/predictions/prd_0000000000000000");
        var invalid = await _documents.PostAsync("/v1/documents", new JsonObject { ["content"] = "   " }, PlatformServices.Caller);
        var anonymous = await _predictions.PostAsync("/v1/predictions", new JsonObject { ["claim"] = "x" });

        notFound.AssertError(HttpStatusCode.NotFound, 5, "NOT_FOUND", missing.Status.Detail);
        invalid.AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT", empty.Status.Detail);
        Assert.Contains("content", invalid.Message, StringComparison.Ordinal);
        anonymous.AssertError(HttpStatusCode.Unauthorized, 16, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task UnknownRoutesAndMethods_Get404And405_WithTheErrorBody()
    {
        var wrongVerb = await _predictions.SendAsync(HttpMethod.Put, "/v1/scoreboard");
        var noRoute = await _predictions.GetAsync("/v1/horoscopes");

        wrongVerb.AssertError(HttpStatusCode.MethodNotAllowed, 12, "UNIMPLEMENTED", "PUT is not allowed on /v1/scoreboard; use GET.");
        Assert.Equal("GET", wrongVerb.Response.Content.Headers.Allow.Single());
        noRoute.AssertError(HttpStatusCode.NotFound, 5, "NOT_FOUND", "There is no API route GET /v1/horoscopes.");
        var both = await _predictions.SendAsync(HttpMethod.Delete, "/v1/predictions/prd_1:reject");
        Assert.Equal(["GET", "PATCH", "POST"], both.Response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    /// <summary>GETs the route and checks it is exactly Google.Protobuf's JSON for the message the gRPC call returned.</summary>
    private static async Task<JsonNode> AssertSameJsonAsync(JsonApi api, string path, IMessage message)
    {
        var reply = await api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("application/json; charset=utf-8", reply.Response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", reply.Response.Headers.CacheControl?.ToString());
        var expected = JsonNode.Parse(Formatter.Format(message))!;
        Assert.True(JsonNode.DeepEquals(expected, reply.Json), $"{path}\nexpected {expected.ToJsonString()}\nactual   {reply.Text}");
        return reply.Json!;
    }

    private static IEnumerable<JsonNode> Scalars(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is JsonArray { Count: 0 } empty ? [empty] : Scalars(p.Value)),
        JsonArray a => a.SelectMany(Scalars),
        JsonValue v => [v],
        _ => [],
    };

    public void Dispose()
    {
        _documents.Dispose();
        _entities.Dispose();
        _predictions.Dispose();
    }
}
