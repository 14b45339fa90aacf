using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.Site.Tests;

/// <summary>
/// Accessibility basics on every page of the site, with and without a resolver key: one h1 and one main
/// landmark, a name for every form control, text alternatives for images and charts, and keyboard reach.
/// </summary>
[Collection(SitePlatformGroup.Name)]
public sealed class AccessibilityTests(SitePlatform platform)
{
    /// <summary>Runs in the page; returns every problem found as a sentence.</summary>
    private const string Audit = """
        () => {
          const problems = [];
          const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
          const byIds = (ids) => ids.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean).map(text).join(' ').trim();
          const nameOf = (el) => {
            const labelledBy = el.getAttribute('aria-labelledby');
            if (labelledBy && byIds(labelledBy)) return byIds(labelledBy);
            const label = (el.getAttribute('aria-label') ?? '').trim();
            if (label) return label;
            const labels = [...(el.labels ?? [])].map(text).join(' ').trim();
            if (labels) return labels;
            return (el.getAttribute('title') ?? '').trim();
          };
          const show = (el) => el.outerHTML.slice(0, 200);

          const h1s = document.querySelectorAll('h1');
          if (h1s.length !== 1) problems.push(`${h1s.length} h1 elements (expected exactly one)`);
          else if (!text(h1s[0])) problems.push('the h1 is empty');
          const mains = document.querySelectorAll('main, [role=main]');
          if (mains.length !== 1) problems.push(`${mains.length} main landmarks (expected exactly one)`);
          if (!document.documentElement.lang) problems.push('<html> has no lang');
          if (!document.title.trim()) problems.push('the document has no title');

          for (const el of document.querySelectorAll('input, select, textarea')) {
            if (el.type === 'hidden') continue;
            if (!nameOf(el)) problems.push(`form control without an accessible name: ${show(el)}`);
          }
          for (const el of document.querySelectorAll('button, a[href]')) {
            if (!text(el) && !nameOf(el) && !el.querySelector('img[alt]:not([alt=""])')) problems.push(`button or link without a name: ${show(el)}`);
          }
          for (const label of document.querySelectorAll('label[for]')) {
            if (!document.getElementById(label.htmlFor)) problems.push(`label for a missing control: ${show(label)}`);
          }
          for (const img of document.querySelectorAll('img')) {
            if (!img.hasAttribute('alt')) problems.push(`image without alt: ${show(img)}`);
            // alt="" only for decoration beside text that names the link or button it sits in.
            else if (!img.alt.trim() && !text(img.closest('a, button') ?? img.parentElement)) problems.push(`decorative image is the only content: ${show(img)}`);
          }
          for (const chart of document.querySelectorAll('svg')) {
            if (chart.closest('[aria-hidden=true]')) continue;
            const title = [...chart.children].find((c) => c.tagName.toLowerCase() === 'title');
            if (!text(title) && !nameOf(chart)) problems.push(`SVG without a title or aria-label: ${show(chart)}`);
          }
          const seen = new Map();
          for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
          for (const [id, n] of seen) if (n > 1) problems.push(`id "${id}" is used ${n} times`);
          return problems;
        }
        """;

    [Fact]
    public async Task EveryPage_HasOneH1_OneMain_NamedControls_AndTextAlternatives()
    {
        using var http = platform.NewHttpClient(withKey: false);
        var resolved = (await http.GetFromJsonAsync<JsonObject>("v1/predictions?status=RESOLVED&pageSize=50"))!["predictions"]!.AsArray();
        var forecast = resolved.First(p => p!["entities"] is JsonArray { Count: > 0 } && p["outlet"] is not null && p["predictor"] is not null)!;
        var id = forecast["id"]!.GetValue<string>();
        var predictor = forecast["predictor"]!.GetValue<string>();
        var outlet = forecast["outlet"]!.GetValue<string>();
        var entity = forecast["entities"]!.AsArray().Select(x => x?["entityId"]?.GetValue<string>()).First(x => !string.IsNullOrEmpty(x))!;
        Func<string, string> e = Uri.EscapeDataString;

        // (route, something the finished page shows, screenshot name unless another test keeps one of it)
        (string Hash, string Ready, string? Name)[] pages =
        [
            ("#/", "[data-testid=leaderboard-row]", null),
            ("#/?group=OUTLET", "[data-testid=outlet-link]", "leaderboard-outlets"),
            ("#/?group=ENTITY", "[data-testid=entity-link]", "leaderboard-topics"),
            ($"#/predictors/{e(predictor)}", "figure[data-testid=calibration]", null),
            ($"#/predictions/{e(id)}", "mark[data-testid=quote]", null),
            ("#/due", "[data-testid=due-row]", "due"),
            ("#/forecasts", "[data-testid=forecast-row]", "forecasts"),
            ($"#/outlets/{e(outlet)}", "[data-testid=forecast-row]", "outlet"),
            ($"#/entities/{e(entity)}", "[data-testid=forecast-row]", "entity"),
            ("#/no-such-page", "main h1", "not-found"),
        ];

        var problems = new List<string>();
        await using (var site = await platform.NewPageAsync())
        {
            foreach (var (hash, ready, name) in pages)
            {
                problems.AddRange(await AuditAsync(site, hash, ready));
                if (name is not null)
                {
                    await site.ScreenshotAsync(name);
                }
            }

            site.AssertNoErrors();
        }

        // With the admin key the forecast page and the due queue carry resolve forms: their controls too.
        await using (var site = await platform.NewPageAsync())
        {
            await site.Page.AddInitScriptAsync($"try {{ sessionStorage.setItem('forecast-scoreboard.api-key', {System.Text.Json.JsonSerializer.Serialize(platform.ApiKey)}); }} catch {{ /* about:blank */ }}");
            foreach (var (hash, ready, name) in new[] { ($"#/predictions/{e(id)}", "form[data-testid=resolve-form]", "forecast-with-key"), ("#/due", "form[data-testid=resolve-form]", "due-with-key") })
            {
                problems.AddRange((await AuditAsync(site, hash, ready)).Select(p => "(with key) " + p));
                await site.ScreenshotAsync(name);
            }

            site.AssertNoErrors();
        }

        Assert.True(problems.Count == 0, "Accessibility problems:\n" + string.Join('\n', problems));
    }

    [Fact]
    public async Task Tabbing_FromTheTopOfTheLeaderboard_ReachesEverySortButton_InOrder()
    {
        await using var site = await platform.NewPageAsync();
        await site.OpenAsync("#/");
        var page = site.Page;
        await Expect(page.Locator("[data-testid=leaderboard-row]").First).ToBeVisibleAsync();

        // The first Tab lands on the skip link.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#skip-link")).ToBeFocusedAsync();

        var reached = new List<string>();
        for (var i = 0; i < 80 && reached.Count < 4; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var sort = await page.EvaluateAsync<string?>("() => document.activeElement?.dataset?.sort ?? null");
            if (sort is not null && !reached.Contains(sort))
            {
                reached.Add(sort);
                // A focused control must show it: the focus ring is drawn (outline or box-shadow).
                var ring = await page.EvaluateAsync<bool>(
                    "() => { const s = getComputedStyle(document.activeElement); return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }");
                Assert.True(ring, $"the focused sort button '{sort}' shows no focus indicator");
            }
        }

        Assert.Equal(["resolved", "brier", "skill", "hitRate"], reached);

        // Enter on the focused button sorts (the last one reached: hit rate, best first = descending).
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("th:has(button[data-sort=hitRate])")).ToHaveAttributeAsync("aria-sort", "descending");
        site.AssertNoErrors();
    }

    private static async Task<IReadOnlyList<string>> AuditAsync(SitePage site, string hash, string ready)
    {
        await site.OpenAsync(hash);
        await Expect(site.Page.Locator(ready).First).ToBeVisibleAsync();
        await site.WaitForPageAsync();
        var found = await site.Page.EvaluateAsync<string[]>(Audit);
        return [.. found.Select(p => $"{hash}: {p}")];
    }
}
