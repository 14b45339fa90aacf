using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Gateway.Tests;

/// <summary>JSON calls to the gateway's REST routes, as a browser or script would make them.</summary>
internal sealed class RestClient(Uri gateway) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };

    public sealed record Reply(HttpStatusCode Status, JsonNode? Json, HttpResponseMessage Response)
    {
        public string? Error => Json?["message"]?.GetValue<string>();

        public override string ToString() => $"{(int)Status} {Json?.ToJsonString()}";
    }

    public async Task<Reply> SendAsync(
        HttpMethod method, string path, string? key = null, object? body = null, string? bearer = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            var text = body as string ?? ((JsonNode)body).ToJsonString();
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        var response = await _http.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        var json = response.Content.Headers.ContentType?.MediaType == "application/json" && content.Length > 0 ? JsonNode.Parse(content) : null;
        return new Reply(response.StatusCode, json, response);
    }

    public Task<Reply> GetAsync(string path, string? key = null) => SendAsync(HttpMethod.Get, path, key);

    public Task<Reply> PostAsync(string path, object body, string? key = null) => SendAsync(HttpMethod.Post, path, key, body);

    /// <summary>Asserts a 200 and returns the body.</summary>
    public static JsonNode Ok(Reply reply)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, $"expected 200, got {reply}");
        return reply.Json!;
    }

    public void Dispose() => _http.Dispose();
}
