using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Platform.Site.Tests;

/// <summary>From the leaderboard to a forecaster, to one of their forecasts in its article, and back.</summary>
[Collection(SitePlatformGroup.Name)]
public sealed partial class NavigationTests(SitePlatform platform)
{
    [Fact]
    public async Task Predictor_ThenForecast_ShowsScoresCalibrationArticleQuoteAndResolutions_AndBackReturns()
    {
        await using var site = await platform.NewPageAsync();
        var page = site.Page;
        await site.OpenAsync("#/");

        // The best-ranked forecaster: a long record of resolved forecasts, so a calibration chart.
        var link = page.Locator("[data-testid=leaderboard-row] [data-testid=predictor-link]").First;
        var name = (await link.InnerTextAsync()).Trim();
        await link.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("[data-testid=scores]")).ToBeVisibleAsync();
        await site.WaitForPageAsync();
        var predictorUrl = page.Url;
        Assert.Contains("#/predictors/", predictorUrl, StringComparison.Ordinal);
        await Expect(page).ToHaveTitleAsync(new Regex(Regex.Escape(name)));

        var calibration = page.Locator("figure[data-testid=calibration]");
        await Expect(calibration).ToBeVisibleAsync();
        var chart = calibration.Locator("svg");
        await Expect(chart).ToHaveCountAsync(1);
        await Expect(chart.Locator("title").First).ToContainTextAsync(name);
        var points = await chart.Locator("g.bin circle").CountAsync();
        Assert.True(points >= 1, "the calibration chart has no data point");
        await Expect(calibration.Locator("[data-testid=calibration-table] tbody tr")).ToHaveCountAsync(points);

        var rows = page.Locator("table[data-testid=forecasts] [data-testid=forecast-row]");
        Assert.True(await rows.CountAsync() >= 1, "the forecaster's forecasts table has no rows");
        await site.ScreenshotAsync("predictor");

        // A resolved forecast (its status badge says True, False or Partly true).
        var resolvedRow = rows.Filter(new() { Has = page.Locator(".badge-true, .badge-false, .badge-partial") }).First;
        var id = await resolvedRow.GetAttributeAsync("data-id") ?? throw new InvalidOperationException("forecast row without data-id");
        await resolvedRow.Locator("[data-testid=forecast-link]").ClickAsync();
        await Expect(page.Locator("[data-testid=claim]")).ToBeVisibleAsync();
        await site.WaitForPageAsync();
        Assert.EndsWith("#/predictions/" + Uri.EscapeDataString(id), page.Url, StringComparison.Ordinal);

        using var http = platform.NewHttpClient(withKey: false);
        var prediction = (await http.GetFromJsonAsync<JsonObject>($"v1/predictions/{Uri.EscapeDataString(id)}"))!;
        var quote = prediction["quote"]!.GetValue<string>();

        // The article with the forecast sentence marked.
        var mark = page.Locator("#article-body mark[data-testid=quote]");
        await Expect(mark).ToHaveCountAsync(1);
        await Expect(mark).ToBeVisibleAsync();
        var marked = (await mark.InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(marked), "the quote mark is empty");
        Assert.True(Squash(quote).Contains(Squash(marked), StringComparison.Ordinal),
            $"the marked text «{marked}» does not occur in the forecast's quote «{quote}»");
        await Expect(page.Locator("[data-testid=document-title]")).Not.ToBeEmptyAsync();

        // The probability as a percentage, the one the API gives.
        var probability = (await page.Locator("[data-testid=probability]").InnerTextAsync()).Trim();
        Assert.Matches(Percentage(), probability);
        var expected = prediction["probability"]!.GetValue<double>() * 100;
        var shown = double.Parse(probability.TrimEnd('%'), CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(expected - shown) <= 0.05 + 1e-9, $"the page shows {probability}, the API says {expected}%");

        // Its resolution history.
        var resolutions = page.Locator("table[data-testid=resolutions] [data-testid=resolution-row]");
        Assert.True(await resolutions.CountAsync() >= 1, "a resolved forecast shows no resolution row");
        await Expect(page.Locator("section:has(#resolution-title)")).ToContainTextAsync("Current outcome");
        await site.ScreenshotAsync("forecast");

        // Browser back: the forecaster's page again.
        await page.GoBackAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("figure[data-testid=calibration]")).ToBeVisibleAsync();
        Assert.Equal(predictorUrl, page.Url);
        site.AssertNoErrors();
    }

    [Fact]
    public async Task Forecast_OnAPhone_ShowsClaimProbabilityAndQuote()
    {
        using var http = platform.NewHttpClient(withKey: false);
        var list = (await http.GetFromJsonAsync<JsonObject>("v1/predictions?status=RESOLVED&pageSize=1"))!;
        var id = list["predictions"]![0]!["id"]!.GetValue<string>();

        await using var site = await platform.NewPageAsync(phone: true);
        await site.OpenAsync("#/predictions/" + Uri.EscapeDataString(id));
        await Expect(site.Page.Locator("[data-testid=claim]")).ToBeVisibleAsync();
        await Expect(site.Page.Locator("[data-testid=probability]")).ToHaveTextAsync(Percentage());
        await Expect(site.Page.Locator("mark[data-testid=quote]")).ToBeVisibleAsync();
        await site.ScreenshotAsync("forecast-phone");
        var (overflow, culprits) = await site.HorizontalOverflowAsync();
        Assert.True(overflow <= 1, $"the forecast page is {overflow}px wider than a 390px phone screen; sticking out:\n{culprits}");
        site.AssertNoErrors();
    }

    private static string Squash(string s) => WhiteSpace().Replace(s, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^\d{1,3}(\.\d)?%$")]
    private static partial Regex Percentage();
}
