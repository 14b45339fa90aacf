using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.ServiceDefaults.Tests.Grpc;

/// <summary>A JSON call's answer: the status, the parsed body (null when empty) and the response for its headers.</summary>
internal sealed record JsonReply(HttpStatusCode Status, JsonNode? Json, HttpResponseMessage Response)
{
    public string Text => Json?.ToJsonString() ?? "";

    /// <summary>Asserts the platform's error body: exactly code, status and message, with the HTTP status and JSON type.</summary>
    public void AssertError(HttpStatusCode status, int code, string name, string? message = null)
    {
        Assert.True(Status == status, $"expected {(int)status}, got {(int)Status}: {Text}");
        Assert.Equal("application/json; charset=utf-8", Response.Content.Headers.ContentType?.ToString());
        var body = Json!.AsObject();
        Assert.Equal(["code", "status", "message"], body.Select(p => p.Key));
        Assert.Equal(code, body["code"]!.GetValue<int>());
        Assert.Equal(name, body["status"]!.GetValue<string>());
        if (message is not null)
        {
            Assert.Equal(message, body["message"]!.GetValue<string>());
        }
    }

    public string Message => Json!["message"]!.GetValue<string>();
}

/// <summary>REST calls to a service's transcoded routes over HTTP/2 cleartext (prior knowledge), as the gateway makes them.</summary>
internal sealed class JsonApi(string address) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler())
    {
        BaseAddress = new Uri(address),
        Timeout = TimeSpan.FromSeconds(30),
    };

    public Task<JsonReply> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>Sends <paramref name="body"/> as it is (a string, so invalid JSON can be sent) as application/json.</summary>
    public async Task<JsonReply> SendAsync(HttpMethod method, string path, string? body = null, string? caller = null, string contentType = "application/json")
    {
        // A request built by hand does not take the client's default version: set it.
        using var request = new HttpRequestMessage(method, path) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new(contentType);
        }

        if (caller is not null)
        {
            request.Headers.Add(Contracts.CallerMetadata.Identity, caller);
        }

        var response = await _client.SendAsync(request);
        Assert.Equal(HttpVersion.Version20, response.Version);
        var text = await response.Content.ReadAsStringAsync();
        return new JsonReply(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public Task<JsonReply> PostAsync(string path, JsonNode body, string? caller = null) =>
        SendAsync(HttpMethod.Post, path, body.ToJsonString(), caller);

    public void Dispose() => _client.Dispose();
}
