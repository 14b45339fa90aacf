using Microsoft.Playwright;
using Platform.Testing;

namespace Platform.Site.Tests;

/// <summary>
/// The whole platform started once for the collection by the product's own one-command host (deploy/AppHost),
/// with the sample corpus loaded, and one headless Debian Chromium driven by Playwright. The AppHost prints
/// <c>API key: …</c> (its local admin key) and then <c>Platform ready: http://127.0.0.1:&lt;port&gt;</c>.
/// </summary>
public sealed class SitePlatform : IAsyncLifetime
{
    /// <summary>Debian's Chromium (deploy/prerequisites.sh). Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly string _data = Directory.CreateTempSubdirectory("site-tests-").FullName;
    private ChildProcess? _host;
    private IPlaywright? _playwright;

    /// <summary>The gateway, e.g. http://127.0.0.1:41000 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The Aspire dashboard's login URL, with its one-time token, as the AppHost prints it.</summary>
    public string DashboardLoginUrl { get; private set; } = "";

    /// <summary>The AppHost's local admin API key.</summary>
    public string ApiKey { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots are kept: artifacts/test-results/screenshots under the repository root.</summary>
    public string ScreenshotFolder { get; } =
        Path.Combine(BuildArtifacts.RepositoryRoot(), "artifacts", "test-results", "screenshots");

    public async Task InitializeAsync()
    {
        // Fail (never skip) when the browser is missing: the tests would otherwise prove nothing.
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing. The site tests drive Debian's Chromium: run deploy/prerequisites.sh " +
                "(or apt-get install chromium fonts-dejavu-core) and run the tests again.");
        }

        Directory.CreateDirectory(ScreenshotFolder);
        var port = FreePort.NextConsecutive(5); // the AppHost gives the next four to the services and Redis
        var dashboardPort = FreePort.NextConsecutive(3, Enumerable.Range(port, 5).ToHashSet());
        var appHost = BuildArtifacts.AssemblyPath("Platform.AppHost");
        _host = ChildProcess.Start("dotnet", ["exec", appHost, "--gateway-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", _data,
            "--dashboard-port", dashboardPort.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var ready = await _host.WaitForLineAsync(l => l.StartsWith("Platform ready: ", StringComparison.Ordinal), ReadyTimeout);
        BaseUrl = ready["Platform ready: ".Length..].Trim().TrimEnd('/');
        var keyLine = _host.Lines.FirstOrDefault(l => l.StartsWith("API key: ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The AppHost became ready without printing its 'API key: …' line.\n" + _host.Output);
        ApiKey = keyLine["API key: ".Length..].Trim();
        var loginLine = _host.Lines.FirstOrDefault(l => l.Contains("Login to the dashboard at ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The AppHost became ready without printing the dashboard's login URL.\n" + _host.Output);
        DashboardLoginUrl = loginLine[(loginLine.IndexOf("Login to the dashboard at ", StringComparison.Ordinal) + "Login to the dashboard at ".Length)..].Trim();
        if (_host.Lines.Any(l => l.Contains("sample corpus could not be loaded", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException("The AppHost could not load the sample corpus.\n" + _host.Output);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (own sessionStorage, no cache) with one page, watched for console errors.</summary>
    public async Task<SitePage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(phone
            ? new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, BaseURL = BaseUrl, Locale = "en-GB" }
            : new() { ViewportSize = new() { Width = 1280, Height = 900 }, BaseURL = BaseUrl, Locale = "en-GB" });
        return new SitePage(context, await context.NewPageAsync(), ScreenshotFolder);
    }

    public HttpClient NewHttpClient(bool withKey)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
        if (withKey)
        {
            http.DefaultRequestHeaders.Add("x-api-key", ApiKey);
        }

        return http;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            if (!_host.HasExited)
            {
                _host.Terminate();
                try
                {
                    await _host.WaitForExitAsync(StopTimeout);
                }
                catch (OperationCanceledException)
                {
                    // It hung: DisposeAsync kills it and its children.
                }
            }

            await _host.DisposeAsync();
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A service still closing a file; the temp folder is cleaned up by the system.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SitePlatformGroup : ICollectionFixture<SitePlatform>
{
    public const string Name = "site on the platform";
}
