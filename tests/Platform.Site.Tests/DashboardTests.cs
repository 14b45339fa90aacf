using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Platform.Site.Tests;

/// <summary>
/// The Aspire dashboard the AppHost starts: opened with the login URL the AppHost prints, it shows an article
/// ingested through the gateway as one trace whose spans come from the gateway, the document service, the entity
/// service and the prediction service.
/// </summary>
[Collection(SitePlatformGroup.Name)]
public sealed class DashboardTests(SitePlatform platform)
{
    private static readonly string[] Services = ["Platform.Gateway", "Platform.Documents", "Platform.Entities", "Platform.Predictions"];

    [Fact]
    public async Task AnIngestedArticle_IsOneTraceAcrossTheFourServices()
    {
        var title = "Dashboard trace " + Guid.NewGuid().ToString("N")[..8];
        using var http = platform.NewHttpClient(withKey: true);
        using var ingest = await http.PostAsJsonAsync("v1/documents", new JsonObject
        {
            ["content"] = "The central bank will probably cut rates before the end of 2027, said Ana Ruiz, an economist at "
                + "Northgate Partners. Inflation in Chile is likely to fall below three percent by June 2027.",
            ["title"] = title,
            ["outlet"] = "The Dashboard Review",
        });
        var id = (await ingest.Content.ReadFromJsonAsync<JsonNode>())!["document"]!["id"]!.GetValue<string>();
        await WaitUntilProcessedAsync(http, id);

        var context = await platform.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(platform.DashboardLoginUrl);
            var dashboard = new Uri(platform.DashboardLoginUrl).GetLeftPart(UriPartial.Authority);

            // Every JSON call's trace is named after the gateway's route ("POST /v1/{**path}"), so the POSTs of other
            // tests (resolutions) are listed too: open each until the ingest's trace, which spans four services.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            var seen = new List<string>();
            while (!seen.Any(detail => detail.Contains("Resources 4", StringComparison.Ordinal) && Services.All(s => detail.Contains(s, StringComparison.Ordinal))))
            {
                Assert.True(DateTime.UtcNow < deadline, "no trace of a JSON POST spans all four services; they show:\n" + string.Join("\n---\n", seen));
                seen.Clear();
                await page.GotoAsync(dashboard + "/traces");
                await page.Locator("fluent-text-input[name=traces-search]").ClickAsync();
                await page.Keyboard.TypeAsync("POST /v1/");
                await page.WaitForTimeoutAsync(1000);
                var count = await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "POST /v1/" }).CountAsync();
                for (var i = 0; i < count && !seen.Any(d => d.Contains("Resources 4", StringComparison.Ordinal)); i++)
                {
                    seen.Add(await OpenTraceAsync(page, dashboard, i));
                }

                if (!seen.Any(d => d.Contains("Resources 4", StringComparison.Ordinal)))
                {
                    await Task.Delay(2000); // spans are exported in batches
                }
            }
        }
        finally
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(platform.ScreenshotFolder, "dashboard-traces.png") });
            await context.CloseAsync();
        }
    }

    /// <summary>Opens the <paramref name="index"/>th trace of the filtered list; the detail page's text and span rows.</summary>
    private static async Task<string> OpenTraceAsync(IPage page, string dashboard, int index)
    {
        await page.GotoAsync(dashboard + "/traces");
        await page.Locator("fluent-text-input[name=traces-search]").ClickAsync();
        await page.Keyboard.TypeAsync("POST /v1/");
        var trace = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "POST /v1/" }).Nth(index);
        try
        {
            await trace.GetByText("POST /v1/").First.ClickAsync(new() { Timeout = 5000 });
            await page.WaitForURLAsync("**/traces/detail/**", new() { Timeout = 5000 });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.GetByRole(AriaRole.Row).Nth(2).WaitForAsync(new() { Timeout = 5000 });
            return await page.InnerTextAsync("main") + "\n" + string.Join('\n',
                await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[role=row]')].map(r => r.innerText)"));
        }
        catch (TimeoutException)
        {
            return await page.InnerTextAsync("body");
        }
    }

    private static async Task WaitUntilProcessedAsync(HttpClient http, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var document = (await http.GetFromJsonAsync<JsonNode>($"v1/documents/{id}"))!;
            if (document["status"]?["entities"]?["state"]?.GetValue<string>() == "STAGE_STATE_DONE"
                && document["status"]?["predictions"]?["state"]?.GetValue<string>() == "STAGE_STATE_DONE")
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "the article was not processed within 60 s: " + document.ToJsonString());
            await Task.Delay(250);
        }
    }
}
