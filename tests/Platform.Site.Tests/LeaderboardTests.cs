using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Site.Tests;

/// <summary>The leaderboard (#/): what loads, how it sorts by mouse and keyboard, and what it costs in script.</summary>
[Collection(SitePlatformGroup.Name)]
public sealed partial class LeaderboardTests(SitePlatform platform, ITestOutputHelper output)
{
    private const string Rows = "[data-testid=leaderboard-row]";

    [Fact]
    public async Task Leaderboard_ShowsTheSampleForecasters_WithBrierAndResolvedCounts_AndNoConsoleErrors()
    {
        await using var site = await platform.NewPageAsync();
        await site.OpenAsync("#/");

        await Expect(site.Page.Locator("h1")).ToHaveTextAsync("Leaderboard");
        await Expect(site.Page).ToHaveTitleAsync(new Regex("Leaderboard"));
        var table = site.Page.Locator("table[data-testid=leaderboard]");
        await Expect(table).ToBeVisibleAsync();
        await Expect(table.Locator("thead")).ToContainTextAsync("Brier");
        await Expect(table.Locator("thead")).ToContainTextAsync("Resolved");

        var rows = table.Locator(Rows);
        var count = await rows.CountAsync();
        Assert.True(count >= 8, $"expected at least 8 forecasters from the sample corpus, the leaderboard shows {count}");

        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var row = rows.Nth(i);
            var name = (await row.Locator("[data-testid=predictor-link]").InnerTextAsync()).Trim();
            Assert.False(string.IsNullOrEmpty(name), $"row {i + 1} has no forecaster name");
            names.Add(name);
            var brier = (await row.Locator("[data-col=brier]").InnerTextAsync()).Trim();
            Assert.Matches(BrierText(), brier);
            var resolved = int.Parse((await row.Locator("[data-col=resolved]").InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);
            Assert.True(resolved >= 3, $"{name}: {resolved} resolved, below the default minimum of 3");
        }

        // Forecasters the corpus README names, with their intended records.
        Assert.Contains("Nadia Castellanos", names);
        Assert.Contains("Declan Moorcroft", names);
        Assert.Equal(names.Count, names.Distinct().Count());
        await Expect(site.Page.Locator("[data-testid=leaderboard-count]")).ToContainTextAsync($"{count} predictors");

        await site.ScreenshotAsync("leaderboard");
        site.AssertNoErrors();
    }

    [Fact]
    public async Task Leaderboard_OnAPhone_ShowsTheTable()
    {
        await using var site = await platform.NewPageAsync(phone: true);
        await site.OpenAsync("#/");
        await Expect(site.Page.Locator("h1")).ToHaveTextAsync("Leaderboard");
        Assert.True(await site.Page.Locator(Rows).CountAsync() >= 8);
        // The page itself must not scroll sideways; only the table's own scroller may.
        await site.ScreenshotAsync("leaderboard-phone");
        var (overflow, culprits) = await site.HorizontalOverflowAsync();
        Assert.True(overflow <= 1, $"the page is {overflow}px wider than a 390px phone screen; sticking out:\n{culprits}");
        site.AssertNoErrors();
    }

    [Fact]
    public async Task Sorting_ByHeaderClickAndKeyboard_OrdersTheColumn_AndUpdatesAriaSort()
    {
        await using var site = await platform.NewPageAsync();
        await site.OpenAsync("#/");
        var page = site.Page;
        var brierHeader = page.Locator("th:has(button[data-sort=brier])");
        var resolvedHeader = page.Locator("th:has(button[data-sort=resolved])");

        // The default order is Brier, best (lowest) first.
        await Expect(brierHeader).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(resolvedHeader).ToHaveAttributeAsync("aria-sort", "none");
        AssertOrdered(await ColumnAsync(page, "brier"), ascending: true, "Brier (default)");

        // Resolved count: its best direction, most first.
        await page.Locator("button[data-sort=resolved]").ClickAsync();
        await Expect(resolvedHeader).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(brierHeader).ToHaveAttributeAsync("aria-sort", "none");
        AssertOrdered(await ColumnAsync(page, "resolved"), ascending: false, "Resolved");
        await Expect(page.Locator("#status[role=status]")).ToContainTextAsync("Sorted by resolved forecasts");
        Assert.Contains("sort=resolved", page.Url, StringComparison.Ordinal);

        // Brier header: ascending (best first), then a second click flips it.
        await page.Locator("button[data-sort=brier]").ClickAsync();
        await Expect(brierHeader).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(resolvedHeader).ToHaveAttributeAsync("aria-sort", "none");
        AssertOrdered(await ColumnAsync(page, "brier"), ascending: true, "Brier after click");
        await Expect(page.Locator("#status")).ToContainTextAsync("Sorted by Brier score, best first");
        await page.Locator("button[data-sort=brier]").ClickAsync();
        await Expect(brierHeader).ToHaveAttributeAsync("aria-sort", "descending");
        AssertOrdered(await ColumnAsync(page, "brier"), ascending: false, "Brier after second click");
        await Expect(page.Locator("#status")).ToContainTextAsync("worst first");
        await site.ScreenshotAsync("leaderboard-sorted-brier-descending");

        // The same with the keyboard: focus the header button and press Enter.
        var brierButton = page.Locator("button[data-sort=brier]");
        await brierButton.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(brierHeader).ToHaveAttributeAsync("aria-sort", "ascending");
        AssertOrdered(await ColumnAsync(page, "brier"), ascending: true, "Brier after Enter");
        await Expect(brierButton).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(brierHeader).ToHaveAttributeAsync("aria-sort", "descending");
        AssertOrdered(await ColumnAsync(page, "brier"), ascending: false, "Brier after second Enter");

        // Space works too on a real button; sort by resolved count from the keyboard.
        await page.Locator("button[data-sort=resolved]").FocusAsync();
        await page.Keyboard.PressAsync(" ");
        await Expect(resolvedHeader).ToHaveAttributeAsync("aria-sort", "descending");
        AssertOrdered(await ColumnAsync(page, "resolved"), ascending: false, "Resolved after Space");

        // Ranks are renumbered in the new order.
        var ranks = await page.Locator($"{Rows} td.rank").AllInnerTextsAsync();
        Assert.Equal(Enumerable.Range(1, ranks.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)), ranks.Select(r => r.Trim()));
        site.AssertNoErrors();
    }

    [Fact]
    public async Task Leaderboard_LoadsUnder150KBOfJavaScript()
    {
        await using var site = await platform.NewPageAsync();
        var scripts = new List<IResponse>();
        site.Page.Response += (_, response) =>
        {
            var type = response.Headers.TryGetValue("content-type", out var t) ? t : "";
            if (response.Request.ResourceType == "script" || type.Contains("javascript", StringComparison.OrdinalIgnoreCase))
            {
                lock (scripts)
                {
                    scripts.Add(response);
                }
            }
        };

        await site.OpenAsync("#/");
        await Expect(site.Page.Locator(Rows).First).ToBeVisibleAsync();
        await site.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        long decoded = 0, transferred = 0;
        List<IResponse> seen;
        lock (scripts)
        {
            seen = [.. scripts];
        }

        foreach (var response in seen)
        {
            var body = await response.BodyAsync();
            var sizes = await response.Request.SizesAsync();
            decoded += body.Length;
            transferred += sizes.ResponseBodySize;
            output.WriteLine($"{response.Url}: {body.Length} bytes ({sizes.ResponseBodySize} on the wire)");
        }

        output.WriteLine($"total: {seen.Count} scripts, {decoded} bytes decoded, {transferred} bytes on the wire");
        Assert.Contains(seen, r => r.Url.EndsWith("/app.js", StringComparison.Ordinal));
        Assert.Contains(seen, r => r.Url.EndsWith("/js/pages/leaderboard.js", StringComparison.Ordinal));
        Assert.True(decoded < 150 * 1024, $"the leaderboard loads {decoded} bytes of JavaScript; the budget is 150 KB");
        site.AssertNoErrors();
    }

    private static async Task<List<double>> ColumnAsync(IPage page, string column)
    {
        var texts = await page.Locator($"{Rows} td[data-col={column}]").AllInnerTextsAsync();
        Assert.NotEmpty(texts);
        return [.. texts.Select(t => double.Parse(t.Trim(), CultureInfo.InvariantCulture))];
    }

    private static void AssertOrdered(List<double> values, bool ascending, string what)
    {
        for (var i = 1; i < values.Count; i++)
        {
            var ok = ascending ? values[i - 1] <= values[i] : values[i - 1] >= values[i];
            Assert.True(ok, $"{what}: not {(ascending ? "non-decreasing" : "non-increasing")} at row {i + 1}: {string.Join(", ", values)}");
        }
    }

    [GeneratedRegex(@"^\d\.\d{3}$")]
    private static partial Regex BrierText();
}
