using System.Globalization;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Site.Tests;

/// <summary>Small things a first reader tripped on: the group in any case, the count behind a hit rate, month filters that read as empty.</summary>
[Collection(SitePlatformGroup.Name)]
public sealed partial class LeaderboardDetailsTests(SitePlatform platform)
{
    [Theory]
    [InlineData("entity")]
    [InlineData("Entity")]
    [InlineData("ENTITY")]
    public async Task TheGroupInTheAddress_IsReadInAnyCase(string group)
    {
        await using var site = await platform.NewPageAsync();
        await site.OpenAsync($"#/?group={group}");

        await Expect(site.Page.Locator("table[data-testid=leaderboard]")).ToHaveAttributeAsync("data-group", "ENTITY");
        await Expect(site.Page.Locator("[data-testid=group-entity]")).ToHaveAttributeAsync("aria-current", "page");
        site.AssertNoErrors();
    }

    [Fact]
    public async Task EveryHitRate_SaysHowManyForecastsItCovers()
    {
        await using var site = await platform.NewPageAsync();
        await site.OpenAsync("#/");

        var rows = site.Page.Locator("[data-testid=leaderboard-row]");
        var count = await rows.CountAsync();
        Assert.True(count >= 8, $"{count} rows");
        for (var i = 0; i < count; i++)
        {
            var row = rows.Nth(i);
            var covered = int.Parse(HitCount().Match(await row.Locator("[data-testid=hit-count]").InnerTextAsync()).Groups[1].Value, CultureInfo.InvariantCulture);
            var resolved = int.Parse((await row.Locator("[data-col=resolved]").InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);
            Assert.InRange(covered, 0, resolved); // only directional forecasts away from 50 % count
        }

        // The predictor page says it in words.
        await rows.First.Locator("[data-testid=predictor-link]").ClickAsync();
        await site.WaitForPageAsync();
        await Expect(site.Page.Locator("[data-testid=score-hit-rate]")).ToContainTextAsync(new Regex(@"over \d+ directional forecasts?"));
        site.AssertNoErrors();
    }

    [Fact]
    public async Task EmptyMonthFilters_ReadAsAnyMonth_AndABadMonthIsRefusedNamingTheFormat()
    {
        await using var site = await platform.NewPageAsync();
        await site.OpenAsync("#/");

        var from = site.Page.Locator("#window-from");
        Assert.Equal("text", await from.GetAttributeAsync("type"));
        Assert.Equal("", await from.InputValueAsync());
        await Expect(from).ToHaveAttributeAsync("placeholder", new Regex("any"));

        await from.FillAsync("May 2016");
        await site.Page.Locator("#apply-filters").ClickAsync();
        await Expect(from).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(site.Page.Locator("[data-testid=status]")).ToContainTextAsync("yyyy-mm");

        await from.FillAsync("2016-05");
        await site.Page.Locator("#apply-filters").ClickAsync();
        await site.WaitForPageAsync();
        Assert.Contains("from=2016-05", site.Page.Url, StringComparison.Ordinal);
        await Expect(site.Page.Locator("#window-from")).ToHaveValueAsync("2016-05");
    }

    [GeneratedRegex(@"of (\d+)")]
    private static partial Regex HitCount();
}
