using System.Net;
using System.Text.Json.Nodes;
using Grpc.Core;

namespace Platform.ServiceDefaults.Tests.Grpc;

/// <summary>
/// The test service's google.api.http routes, served by the platform's set-up on a real Kestrel server: nested fields
/// from dotted query parameters, a second binding taking the body, and every gRPC status as the platform's JSON error.
/// </summary>
public sealed class JsonRoutesTests : IAsyncLifetime, IDisposable
{
    private GrpcTestServer _server = null!;
    private JsonApi _api = null!;

    public async Task InitializeAsync()
    {
        _server = await GrpcTestServer.StartAsync();
        _api = new JsonApi(_server.Address.ToString());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _api?.Dispose();

    [Fact]
    public async Task DottedQueryParameters_FillNestedFields()
    {
        var reply = await _api.GetAsync("/v1/echo/hi?filter.outlet=The%20Harbour&filter.since_id=9007199254740993&filter.mood=CALM&filter.tags=a&filter.tags=b");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("no-store", reply.Response.Headers.CacheControl?.ToString());
        var expected = JsonNode.Parse("""{"text":"hi","filter":{"outlet":"The Harbour","sinceId":"9007199254740993","mood":"CALM","tags":["a","b"]}}""");
        Assert.True(JsonNode.DeepEquals(expected, reply.Json), reply.Text);
    }

    [Theory]
    [InlineData("filter.colour=x", "Unknown query parameter 'filter.colour': EchoFilter has no field 'colour'.")]
    [InlineData("filter=x", "The query parameter 'filter' is a message; set its fields one by one ('filter.name').")]
    [InlineData("text.size=1", "The query parameter 'text.size' goes through 'text', which is not a message field.")]
    [InlineData("filter.sinceId=1.5", "The query parameter 'filter.sinceId' must be an integer, not '1.5'.")]
    [InlineData("filter.mood=STORMY", "The query parameter 'filter.mood' must be one of MOOD_UNSPECIFIED, CALM, not 'STORMY'.")]
    public async Task BadDottedQueryParameters_Are400_NamingThem(string query, string message)
    {
        var reply = await _api.GetAsync("/v1/echo/hi?" + query);

        reply.AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT", message);
        Assert.Equal(0, _server.Calls.Echoes);
    }

    [Fact]
    public async Task TheSecondBinding_TakesTheWholeRequestAsItsBody()
    {
        var reply = await _api.PostAsync("/v1/echo", new JsonObject { ["text"] = "hello", ["filter"] = new JsonObject { ["sinceId"] = "12" } });
        var empty = await _api.SendAsync(HttpMethod.Post, "/v1/echo", "");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("""{"text":"hello","filter":{"sinceId":"12"}}""", reply.Text);
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal("{}", empty.Text);
    }

    [Theory]
    [InlineData("""{"text": "x", "filter": {"colour": "blue"}}""", "Unknown field 'filter.colour' in the request body: EchoFilter has no field 'colour'.")]
    [InlineData("""{"text": "x", "filter": {"tags": ["a", null]}}""", "The request body field 'filter.tags[1]' is null; a list cannot hold nulls.")]
    [InlineData("""{"text": "x", "filter": {"sinceId": 1.5}}""", "The request body field 'filter.sinceId' must be an integer, not a number.")]
    [InlineData("""{"text": "x", "filter": "calm"}""", "The request body field 'filter' must be a JSON object, not a string.")]
    [InlineData("""{"text": "x", "blob": "not base64!"}""", "The request body field 'blob' must be a base64 string, not a string.")]
    [InlineData("""["x"]""", "The request body must be a JSON object, not an array.")]
    public async Task BodiesThatDoNotFitTheMessage_Are400_NamingTheField(string body, string message)
    {
        var reply = await _api.SendAsync(HttpMethod.Post, "/v1/echo", body);

        reply.AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT", message);
        Assert.Equal(0, _server.Calls.Echoes);
    }

    [Fact]
    public async Task BodiesThatAreNotJson_Are400()
    {
        var invalid = await _api.SendAsync(HttpMethod.Post, "/v1/echo", "{\"text\": \"x\",}");
        var plain = await _api.SendAsync(HttpMethod.Post, "/v1/echo", "{}", contentType: "text/plain");

        invalid.AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT");
        Assert.StartsWith("The request body is not valid JSON: ", invalid.Message, StringComparison.Ordinal);
        plain.AssertError(HttpStatusCode.BadRequest, 3, "INVALID_ARGUMENT");
        Assert.Contains("text/plain", plain.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyOverTheReceiveLimit_Is413_BeforeTheHandlerRuns()
    {
        var text = new string('x', GrpcTestServer.MaxReceiveMessageSize);

        var reply = await _api.PostAsync("/v1/echo", new JsonObject { ["text"] = text });

        reply.AssertError(HttpStatusCode.RequestEntityTooLarge, 8, "RESOURCE_EXHAUSTED",
            $"The request body is over the service's limit of {GrpcTestServer.MaxReceiveMessageSize} bytes.");
        Assert.Equal(0, _server.Calls.Echoes);
    }

    [Fact]
    public async Task EveryStatusAHandlerEndsWith_IsThePlatformsErrorBody_WithItsHttpStatus()
    {
        (StatusCode Code, int Http, string Name)[] table =
        [
            (StatusCode.Cancelled, 499, "CANCELLED"), (StatusCode.Unknown, 500, "UNKNOWN"),
            (StatusCode.InvalidArgument, 400, "INVALID_ARGUMENT"), (StatusCode.DeadlineExceeded, 504, "DEADLINE_EXCEEDED"),
            (StatusCode.NotFound, 404, "NOT_FOUND"), (StatusCode.AlreadyExists, 409, "ALREADY_EXISTS"),
            (StatusCode.PermissionDenied, 403, "PERMISSION_DENIED"), (StatusCode.ResourceExhausted, 413, "RESOURCE_EXHAUSTED"),
            (StatusCode.FailedPrecondition, 400, "FAILED_PRECONDITION"), (StatusCode.Aborted, 409, "ABORTED"),
            (StatusCode.OutOfRange, 400, "OUT_OF_RANGE"), (StatusCode.Unimplemented, 501, "UNIMPLEMENTED"),
            (StatusCode.Internal, 500, "INTERNAL"), (StatusCode.Unavailable, 503, "UNAVAILABLE"),
            (StatusCode.DataLoss, 500, "DATA_LOSS"), (StatusCode.Unauthenticated, 401, "UNAUTHENTICATED"),
        ];
        foreach (var (code, http, name) in table)
        {
            var message = $"refused with {name}: field 'note' says \"no\"";
            var reply = await _api.PostAsync("/v1/refuse", new JsonObject { ["code"] = (int)code, ["message"] = message });

            reply.AssertError((HttpStatusCode)http, (int)code, name, message);
        }
    }

    [Fact]
    public async Task UnhandledException_Is500Internal_WithoutItsText()
    {
        const string secret = "password=hunter2 in the connection string";

        var reply = await _api.PostAsync("/v1/fail", new JsonObject { ["text"] = secret });

        reply.AssertError(HttpStatusCode.InternalServerError, 13, "INTERNAL");
        // The trace id finds the logged failure; nothing of the exception's own text is given away.
        Assert.Matches("^The service failed while handling the call; the failure is logged with trace id [0-9a-f]{32}\\.$", reply.Json!["message"]!.GetValue<string>());
        Assert.DoesNotContain("hunter2", reply.Text, StringComparison.Ordinal);
    }
}
