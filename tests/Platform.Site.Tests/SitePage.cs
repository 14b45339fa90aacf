using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Platform.Site.Tests;

/// <summary>
/// One browser tab on the site in its own context (fresh sessionStorage and cache). Console messages of type
/// error and uncaught page errors are collected so a test can fail on any it did not expect.
/// </summary>
public sealed class SitePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _screenshots;
    private readonly ConcurrentQueue<string> _errors = new();

    public SitePage(IBrowserContext context, IPage page, string screenshotFolder)
    {
        _context = context;
        _screenshots = screenshotFolder;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue($"console error: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _errors.Enqueue($"page error: {error}");
    }

    public IPage Page { get; }

    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>
    /// Opens a route of the site ("#/", "#/due", …) as a typed address would (a full page load, even when only
    /// the hash differs from the current address) and waits until the router has drawn the page.
    /// </summary>
    public async Task OpenAsync(string hash)
    {
        if (Page.Url.StartsWith("http", StringComparison.Ordinal))
        {
            await Page.GotoAsync("about:blank");
        }

        await Page.GotoAsync("/" + hash);
        await WaitForPageAsync();
    }

    /// <summary>Waits until the router has finished drawing: main is no longer busy and nothing is loading.</summary>
    public async Task WaitForPageAsync()
    {
        await Assertions.Expect(Page.Locator("main#main")).Not.ToHaveAttributeAsync("aria-busy", "true");
        await Assertions.Expect(Page.Locator("main [data-testid=loading]")).ToHaveCountAsync(0);
        await Assertions.Expect(Page.Locator("main h1")).ToHaveCountAsync(1);
    }

    /// <summary>
    /// How far the page is wider than the viewport (0 when it does not scroll sideways), with the innermost
    /// elements that stick out past the right edge, for the failure message.
    /// </summary>
    public async Task<(int Overflow, string Culprits)> HorizontalOverflowAsync()
    {
        var result = await Page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              const overflow = document.documentElement.scrollWidth - width;
              const out = [...document.querySelectorAll('body *')].filter((el) => {
                if (el.getBoundingClientRect().right <= width + 1) return false;
                // Inside a scroller (a wide table's wrapper) or a clipped box, it does not widen the page.
                for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                  if (getComputedStyle(a).overflowX !== 'visible') return false;
                }
                return true;
              });
              const innermost = out.filter((el) => !out.some((o) => o !== el && el.contains(o)));
              return [String(overflow), innermost.slice(0, 8).map((el) =>
                `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}` +
                ` (right edge ${Math.round(el.getBoundingClientRect().right)}px): ${(el.textContent ?? '').trim().slice(0, 60)}`).join('\n')];
            }
            """);
        return (int.Parse(result[0], System.Globalization.CultureInfo.InvariantCulture), result[1]);
    }

    /// <summary>A full-page screenshot, kept as artifacts/test-results/screenshots/&lt;name&gt;.png.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(_screenshots, name + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Fails with every console or page error seen so far, except those <paramref name="expected"/> allows.</summary>
    public void AssertNoErrors(Func<string, bool>? expected = null)
    {
        var unexpected = _errors.Where(e => expected is null || !expected(e)).ToList();
        Assert.True(unexpected.Count == 0, "The page logged errors:\n" + string.Join('\n', unexpected));
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
