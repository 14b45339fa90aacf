using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Microsoft.Playwright.Assertions;

namespace Platform.Site.Tests;

/// <summary>
/// The due queue and the API-key box: read-only without a key, a wrong key refused, the AppHost's admin key
/// accepted, and a due forecast resolved from the browser as the identity the gateway reports.
/// </summary>
[Collection(SitePlatformGroup.Name)]
public sealed class ResolveTests(SitePlatform platform)
{
    private const string DueRows = "ol[data-testid=due] [data-testid=due-row]";
    private const string Forms = "form[data-testid=resolve-form]";

    [Fact]
    public async Task DueForecast_ResolvedWithTheAdminKey_LeavesTheQueue_AndTheApiShowsTheResolver()
    {
        await using var site = await platform.NewPageAsync();
        var page = site.Page;

        // Anonymous: the queue is readable, but there is no resolve form anywhere.
        await site.OpenAsync("#/due");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Due for resolution");
        var rows = page.Locator(DueRows);
        await Expect(rows.First).ToBeVisibleAsync();
        var dueCount = await rows.CountAsync();
        Assert.True(dueCount >= 1, "the sample corpus should leave forecasts past their review date in the due queue");
        await Expect(page.Locator(Forms)).ToHaveCountAsync(0);
        await Expect(page.Locator("main [data-testid=resolve-denied]")).ToBeVisibleAsync();
        await Expect(page.Locator("#identity")).ToHaveTextAsync("No key: reading only");
        await site.ScreenshotAsync("due-anonymous");

        var firstId = await rows.First.GetAttributeAsync("data-id") ?? throw new InvalidOperationException("due row without data-id");
        await rows.First.Locator("[data-testid=forecast-link]").ClickAsync();
        await Expect(page.Locator("[data-testid=claim]")).ToBeVisibleAsync();
        await site.WaitForPageAsync();
        await Expect(page.Locator("[data-testid=status-badge]").First).ToHaveTextAsync("Due");
        await Expect(page.Locator(Forms)).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=resolve-denied]")).ToBeVisibleAsync();
        await site.ScreenshotAsync("forecast-due-anonymous");
        await page.GoBackAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Due for resolution");
        await Expect(rows).ToHaveCountAsync(dueCount);
        Assert.Equal(firstId, await rows.First.GetAttributeAsync("data-id"));

        // A wrong key: refused, not kept, and said so in the status region.
        await page.Locator("#api-key").FillAsync("plk_" + new string('0', 48));
        await page.Locator("#key-save").ClickAsync();
        await Expect(page.Locator("#status[role=status]")).ToContainTextAsync("not accepted");
        await Expect(page.Locator("#status")).ToHaveAttributeAsync("data-kind", "error");
        await Expect(page.Locator("#identity")).ToHaveTextAsync("No key: reading only");
        await Expect(page.Locator(Forms)).ToHaveCountAsync(0);
        await site.ScreenshotAsync("due-wrong-key");

        // The AppHost's admin key: who /v1/me says it is, shown in the header; the forms appear.
        using var http = platform.NewHttpClient(withKey: true);
        var me = (await http.GetFromJsonAsync<JsonObject>("v1/me"))!;
        var identity = me["identity"]!.GetValue<string>();
        var roles = me["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.Contains("admin", roles);
        Assert.False(string.IsNullOrEmpty(identity), "/v1/me reported no identity for the admin key");

        await page.Locator("#api-key").FillAsync(platform.ApiKey);
        await page.Locator("#key-save").ClickAsync();
        await Expect(page.Locator("#identity")).ToHaveTextAsync($"{identity} ({string.Join(", ", roles)})");
        await Expect(page.Locator("#status")).ToContainTextAsync("API key saved");
        await Expect(page.Locator("#status")).ToHaveAttributeAsync("data-kind", "success");
        await Expect(page.Locator("#key-clear")).ToBeVisibleAsync();
        await Expect(page.Locator($"{DueRows} {Forms}")).ToHaveCountAsync(dueCount);
        await Expect(page.Locator("main [data-testid=resolve-denied]")).ToHaveCountAsync(0);
        await site.ScreenshotAsync("due-admin");

        // Resolve the first due forecast as TRUE.
        var row = page.Locator($"{DueRows}[data-id=\"{firstId}\"]");
        var claim = (await row.Locator("[data-testid=forecast-link]").InnerTextAsync()).Trim();
        await row.Locator("select[name=outcome]").SelectOptionAsync("TRUE");
        await Expect(row.Locator("input[name=fraction]")).ToBeDisabledAsync();
        await row.Locator("[data-testid=resolve-submit]").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await Expect(rows).ToHaveCountAsync(dueCount - 1);
        var status = page.Locator("#status[role=status]");
        await Expect(status).ToContainTextAsync("as True");
        await Expect(status).ToContainTextAsync(claim);
        await Expect(status).ToHaveAttributeAsync("data-kind", "success");
        await site.ScreenshotAsync("due-after-resolve");

        // The REST API has the resolution, recorded as the key's identity.
        using var anonymous = platform.NewHttpClient(withKey: false);
        var prediction = (await anonymous.GetFromJsonAsync<JsonObject>($"v1/predictions/{Uri.EscapeDataString(firstId)}"))!;
        Assert.Equal("RESOLVED", prediction["status"]?.GetValue<string>());
        var resolution = prediction["resolutions"]!.AsArray().Last()!;
        Assert.Equal("TRUE", resolution["outcome"]!.GetValue<string>());
        var resolver = resolution["resolver"]?.GetValue<string>() ?? "";
        Assert.True(resolver == identity || resolver == "key:local", $"resolver «{resolver}», /v1/me said «{identity}»");

        // … and the forecast page shows it in the outcome history.
        await site.OpenAsync("#/predictions/" + Uri.EscapeDataString(firstId));
        var history = page.Locator("table[data-testid=resolutions] [data-testid=resolution-row]");
        await Expect(history).ToHaveCountAsync(1);
        await Expect(history.First).ToContainTextAsync("True");
        await Expect(history.First).ToContainTextAsync(resolver);
        await Expect(page.Locator(Forms)).ToHaveCountAsync(1); // admin may re-resolve
        await site.ScreenshotAsync("forecast-resolved-with-key");

        // The only console errors allowed are the browser's report of the wrong key's 401 from /v1/me.
        site.AssertNoErrors(e => e.Contains("status of 401", StringComparison.Ordinal));
    }
}
