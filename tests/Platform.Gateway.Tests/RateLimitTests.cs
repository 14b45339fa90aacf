using System.Net;
using System.Text.Json.Nodes;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>
/// Rate limits that fit real use: behind a trusted proxy each visitor has its own bucket (and nobody else can pick
/// one with X-Forwarded-For), keys get their role's budget, and the site's own files are never limited.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int AnonymousBurst = 3;
    private const int ReaderBurst = 3;
    private static readonly string[] SiteFiles = ["/", "/app.js", "/style.css", "/favicon.svg"];

    private ChildProcess _server = null!;
    private GatewayProcess _behindProxy = null!;
    private GatewayProcess _direct = null!;

    public async Task InitializeAsync()
    {
        (_server, var port) = await RunningPlatform.StartInteropServerAsync();
        JsonObject Limits() => new()
        {
            ["PerAddressPerSecond"] = 1, ["PerAddressBurst"] = AnonymousBurst,
            ["PerCallerPerSecond"] = 1, ["PerCallerBurst"] = ReaderBurst,
            ["Roles"] = new JsonObject { ["admin"] = new JsonObject { ["PerSecond"] = 1000, ["Burst"] = 1000 } },
        };
        _behindProxy = await GatewayProcess.StartAsync(GatewayConfig.InteropGateway([$"http://127.0.0.1:{port}"], gateway: new JsonObject
        {
            ["ApiKeys"] = GatewayConfig.ApiKeys(),
            ["RateLimits"] = Limits(),
            ["TrustedProxies"] = new JsonArray("127.0.0.1"),
        }));
        _direct = await GatewayProcess.StartAsync(GatewayConfig.InteropGateway([$"http://127.0.0.1:{port}"], gateway: new JsonObject
        {
            ["ApiKeys"] = GatewayConfig.ApiKeys(),
            ["RateLimits"] = Limits(),
        }));
    }

    public async Task DisposeAsync()
    {
        await _behindProxy.DisposeAsync();
        await _direct.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task BehindATrustedProxy_EachForwardedVisitorHasItsOwnBucket()
    {
        using var http = new HttpClient { BaseAddress = _behindProxy.Address };

        // Three visitors through the same proxy: each gets the whole burst, then its own 429.
        string[] visitors = ["203.0.113.7", "203.0.113.8", "2001:db8::9"];
        foreach (var visitor in visitors)
        {
            var statuses = await CallsAsync(http, AnonymousBurst + 2, forwardedFor: $"198.51.100.1, {visitor}");
            Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, AnonymousBurst), statuses.Take(AnonymousBurst));
            Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(AnonymousBurst));
        }
    }

    [Fact]
    public async Task FromAnUntrustedPeer_XForwardedForIsIgnored()
    {
        using var http = new HttpClient { BaseAddress = _direct.Address };

        // A client that names a new address on every call still spends its own connection's bucket.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < AnonymousBurst + 3; i++)
        {
            statuses.AddRange(await CallsAsync(http, 1, forwardedFor: $"203.0.113.{i + 1}"));
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task KeysGetTheirRolesBudget()
    {
        using var http = new HttpClient { BaseAddress = _direct.Address };

        var reader = await CallsAsync(http, ReaderBurst + 3, key: GatewayConfig.ReaderKey);
        var admin = await CallsAsync(http, 50, key: GatewayConfig.AdminKey);

        Assert.Contains(HttpStatusCode.TooManyRequests, reader);
        Assert.All(admin, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task TheSitesOwnFiles_AreNeverLimited()
    {
        using var http = new HttpClient { BaseAddress = _direct.Address };
        Assert.Contains(HttpStatusCode.TooManyRequests, await CallsAsync(http, AnonymousBurst + 3));

        // The API budget is spent, yet every page load's files still come.
        foreach (var path in Enumerable.Repeat(SiteFiles, 5).SelectMany(p => p))
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    /// <summary><paramref name="count"/> calls of /v1/me, in order, with their statuses.</summary>
    private static async Task<List<HttpStatusCode>> CallsAsync(HttpClient http, int count, string? key = null, string? forwardedFor = null)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/me");
            if (key is not null)
            {
                request.Headers.Add("x-api-key", key);
            }

            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }

            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
