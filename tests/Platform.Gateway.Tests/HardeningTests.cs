using System.Net;
using System.Text.Json.Nodes;
using static Platform.Gateway.Tests.GatewayConfig;

namespace Platform.Gateway.Tests;

/// <summary>
/// What a new user tried against the platform with bad and outsized input, through the gateway to the real services:
/// every refusal is the platform's JSON error naming the problem and its limit, a size refusal is 413 (never 429),
/// the size the document service accepts is one every stage can process, every list treats its size parameter the
/// same way, and a text filter matches what was typed.
/// </summary>
[Collection(RunningPlatformGroup.Name)]
public sealed class HardeningTests(RunningPlatform platform) : IDisposable
{
    private const int DocumentLimit = 2 * 1024 * 1024;

    private readonly RestClient _api = new(platform.Gateway.Address);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task OutsizedRequests_Are413Or414Or431_AsJsonNamingTheLimit()
    {
        // A body over the gateway's route limit (4 MiB), refused before it reaches a service. With "Expect:
        // 100-continue" the client hears the refusal instead of having its upload cut off.
        var body = await _api.SendAsync(HttpMethod.Post, "/v1/documents", ContributorKey, new JsonObject { ["content"] = new string('a', 10_000_000) },
            headers: new Dictionary<string, string> { ["Expect"] = "100-continue" });
        AssertError(body, HttpStatusCode.RequestEntityTooLarge, "RESOURCE_EXHAUSTED", "limit");

        // Content over the platform's document limit but inside the route's: the document service refuses it, 413 too.
        var content = await _api.PostAsync("/v1/documents", new JsonObject { ["content"] = string.Concat(Enumerable.Repeat("word ", 600_000)) }, ContributorKey);
        AssertError(content, HttpStatusCode.RequestEntityTooLarge, "RESOURCE_EXHAUSTED", $"over the platform's document limit of {DocumentLimit} bytes");

        // A 3,000-word query string: 414 with the error body, not Kestrel's empty one.
        var query = await _api.GetAsync("/v1/documents?query=" + string.Join('+', Enumerable.Repeat("word", 3000)));
        AssertError(query, HttpStatusCode.RequestUriTooLong, "RESOURCE_EXHAUSTED", "limit of 8192");

        var header = await _api.SendAsync(HttpMethod.Get, "/v1/scoreboard", headers: new Dictionary<string, string> { ["x-padding"] = new string('p', 20_000) });
        AssertError(header, HttpStatusCode.RequestHeaderFieldsTooLarge, "RESOURCE_EXHAUSTED", "limit of 8192 for one header");
        var many = new Dictionary<string, string>();
        for (var i = 0; i < 6; i++)
        {
            many[$"x-padding-{i}"] = new string('p', 6_000);
        }

        var headers = await _api.SendAsync(HttpMethod.Get, "/v1/scoreboard", headers: many);
        AssertError(headers, HttpStatusCode.RequestHeaderFieldsTooLarge, "RESOURCE_EXHAUSTED", "limit of 24576");
    }

    [Fact]
    public async Task LoneSurrogateInJson_Is400NamingTheField()
    {
        var reply = await _api.SendAsync(HttpMethod.Post, "/v1/documents", ContributorKey, """{"title": "t", "content": "\ud800 and more"}""");

        AssertError(reply, HttpStatusCode.BadRequest, "INVALID_ARGUMENT", "content");
    }

    [Fact]
    public async Task ADocumentTheDocumentServiceAccepts_EveryStageProcesses()
    {
        // One 1.5 MB word: under the one limit, so the entity and prediction stages must take it too (once they
        // had a lower limit of their own, and the document stayed PENDING).
        var ingested = RestClient.Ok(await _api.PostAsync("/v1/documents", new JsonObject { ["content"] = new string('a', 1_500_000), ["title"] = "one long word" }, ContributorKey));
        var id = ingested["document"]!["id"]!.GetValue<string>();

        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var status = RestClient.Ok(await _api.GetAsync($"/v1/documents/{id}", ReaderKey))["status"]!;
            var states = (status["entities"]?["state"]?.GetValue<string>(), status["predictions"]?["state"]?.GetValue<string>());
            if (states == ("STAGE_STATE_DONE", "STAGE_STATE_DONE"))
            {
                return;
            }

            Assert.DoesNotContain("STAGE_STATE_FAILED", $"{states}", StringComparison.Ordinal);
            Assert.True(DateTime.UtcNow < deadline, $"not processed within 2 minutes: {status.ToJsonString()}");
            await Task.Delay(250);
        }
    }

    [Theory]
    [InlineData("/v1/documents?pageSize={0}", "page_size", 100)]
    [InlineData("/v1/predictions?pageSize={0}", "page_size", 500)]
    [InlineData("/v1/predictions:due?pageSize={0}", "page_size", 500)]
    [InlineData("/v1/entities?pageSize={0}", "page_size", 500)]
    [InlineData("/v1/entities:search?query=Kenya&limit={0}", "limit", 100)]
    [InlineData("/v1/scoreboard?limit={0}", "limit", 1000)]
    public async Task EveryList_RefusesASizeOutOfRange_NamingItsMaximum_AndServesTheMaximum(string template, string field, int maximum)
    {
        foreach (var size in new[] { maximum + 1, 100_000_000, -1 })
        {
            var reply = await _api.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, size), ReaderKey);
            AssertError(reply, HttpStatusCode.BadRequest, "INVALID_ARGUMENT", $"{field}: must be between 1 and {maximum}");
        }

        RestClient.Ok(await _api.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, maximum), ReaderKey));
    }

    [Fact]
    public async Task DocumentTextQuery_MatchesWildcardCharactersLiterally()
    {
        var marker = "pct" + Guid.NewGuid().ToString("N")[..8];
        RestClient.Ok(await _api.PostAsync("/v1/documents", new JsonObject { ["content"] = $"Turnout {marker} rose sharply in the north.", ["title"] = "plain" }, ContributorKey));
        var percent = RestClient.Ok(await _api.PostAsync("/v1/documents", new JsonObject { ["content"] = $"Turnout {marker} rose by 5% in the north.", ["title"] = "percent" }, ContributorKey));

        async Task<string[]> FindAsync(string query)
        {
            var page = RestClient.Ok(await _api.GetAsync($"/v1/documents?query={Uri.EscapeDataString(query)}&pageSize=100", ReaderKey));
            return [.. (page["documents"]?.AsArray() ?? []).Select(d => d!["id"]!.GetValue<string>())];
        }

        // "%" alone was a LIKE wildcard that matched every document; now it matches the one that has a "%".
        var withPercent = await FindAsync($"{marker} %");
        Assert.Equal([percent["document"]!["id"]!.GetValue<string>()], withPercent);
        Assert.Empty(await FindAsync($"{marker} r_se"));
        Assert.Equal(2, (await FindAsync($"{marker} rose")).Length);

        var tooMany = await _api.GetAsync("/v1/documents?query=" + string.Join('+', Enumerable.Range(0, 17).Select(i => $"w{i}")), ReaderKey);
        AssertError(tooMany, HttpStatusCode.BadRequest, "INVALID_ARGUMENT", "query: 17 words; give at most 16");
    }

    private static void AssertError(RestClient.Reply reply, HttpStatusCode status, string name, string contains)
    {
        Assert.True(reply.Status == status, $"expected {(int)status}, got {reply}");
        Assert.True(reply.Json is JsonObject, $"not a JSON error body: {(int)reply.Status} {reply.Response.Content.Headers.ContentType}");
        Assert.Equal(name, reply.Json!["status"]!.GetValue<string>());
        Assert.True(reply.Json["code"]!.GetValue<int>() > 0);
        Assert.Contains(contains, reply.Error, StringComparison.Ordinal);
    }
}
