using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>Rate limits, size limits, CORS and the static site, on a gateway of their own.</summary>
public sealed class LimitsAndSiteTests : IAsyncLifetime, IDisposable
{
    private ChildProcess _server = null!;
    private GatewayProcess _gateway = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        (_server, var port) = await RunningPlatform.StartInteropServerAsync();
        _gateway = await GatewayProcess.StartAsync(GatewayConfig.InteropGateway([$"http://127.0.0.1:{port}"], gateway: new JsonObject
        {
            ["ApiKeys"] = GatewayConfig.ApiKeys(),
            ["Cors"] = new JsonObject { ["Origins"] = new JsonArray("https://scoreboard.example") },
            ["RateLimits"] = new JsonObject { ["PerAddressPerSecond"] = 1, ["PerAddressBurst"] = 5, ["PerCallerPerSecond"] = 1000, ["PerCallerBurst"] = 1000 },
        }));
        _http = new HttpClient { BaseAddress = _gateway.Address };
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AnonymousCallersOverTheirRate_Get429OrResourceExhausted_KeyHoldersDoNot()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await _http.GetAsync("/v1/me");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null, "a 429 should say when to retry");
                var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.Equal("RESOURCE_EXHAUSTED", json["status"]!.GetValue<string>());
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);

        // The same address over gRPC shares the bucket: RESOURCE_EXHAUSTED, not an HTTP error page. The bucket gains
        // one token per second, so one call may slip through if a refill lands first; a bucket of its own (5) would
        // let both through.
        using var channel = GrpcChannel.ForAddress(_gateway.Address);
        var client = new TestService.TestServiceClient(channel);
        RpcException? limited = null;
        for (var attempt = 0; attempt < 2 && limited is null; attempt++)
        {
            try
            {
                await client.EmptyCallAsync(new Empty());
            }
            catch (RpcException e)
            {
                limited = e;
            }
        }

        Assert.Equal(StatusCode.ResourceExhausted, limited?.StatusCode);

        // A key has its own, larger allowance.
        using var keyed = new HttpRequestMessage(HttpMethod.Get, "/v1/me");
        keyed.Headers.Add("x-api-key", GatewayConfig.ReaderKey);
        using var admitted = await _http.SendAsync(keyed);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
    }

    [Fact]
    public async Task AJsonBodyOverTheLimit_IsRefusedWithoutReachingAService()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/documents")
        {
            Content = new StringContent("{\"content\":\"" + new string('a', 5 << 20) + "\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", GatewayConfig.ContributorKey);
        // With "Expect: 100-continue" the client waits for the go-ahead, so it hears the refusal instead of
        // having its upload cut off mid-way.
        request.Headers.ExpectContinue = true;
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Cors_AnswersTheSitesOrigin_AndNoOther()
    {
        async Task<HttpResponseMessage> Preflight(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/v1/scoreboard");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "GET");
            request.Headers.Add("Access-Control-Request-Headers", "x-api-key");
            return await _http.SendAsync(request);
        }

        using var allowed = await Preflight("https://scoreboard.example");
        Assert.Equal("https://scoreboard.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("x-api-key", string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);

        using var refused = await Preflight("https://elsewhere.example");
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task TheSite_IsServedCompressed_WithCachingHeaders()
    {
        using var index = await _http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-cache", index.Headers.CacheControl!.ToString());
        Assert.Contains("default-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("Forecast Scoreboard", await index.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var script = new HttpRequestMessage(HttpMethod.Get, "/app.js");
        script.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var compressed = await _http.SendAsync(script);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal("br", compressed.Content.Headers.ContentEncoding.Single());
        Assert.Equal(TimeSpan.FromHours(1), compressed.Headers.CacheControl!.MaxAge);
        var etag = compressed.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/app.js");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }
}
