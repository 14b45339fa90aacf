namespace Platform.ServiceDefaults.Tests;

public sealed class ShutdownTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sigterm_WithRequestInFlight_FinishesTheRequestThenExitsCleanly()
    {
        await using var service = await SampleService.StartAsync();
        using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = Timeout };

        var inFlight = http.GetAsync("/work/2000");
        await service.Process.WaitForLineAsync(l => l.Contains("working for 2000 ms", StringComparison.Ordinal), Timeout);
        service.Process.Terminate();

        using var response = await inFlight;
        Assert.True(response.IsSuccessStatusCode, $"status {response.StatusCode}");
        Assert.Equal("done after 2000 ms", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await service.Process.WaitForExitAsync(Timeout));
    }

    [Fact]
    public async Task Sigterm_NewConnectionsAfterShutdownBegins_AreRefused()
    {
        await using var service = await SampleService.StartAsync();
        using var inFlightClient = new HttpClient { BaseAddress = service.BaseAddress, Timeout = Timeout };
        var inFlight = inFlightClient.GetAsync("/work/3000");
        await service.Process.WaitForLineAsync(l => l.Contains("working for 3000 ms", StringComparison.Ordinal), Timeout);
        service.Process.Terminate();

        // "Shutting down" is logged just before the listener closes, so poll briefly: within the drain
        // window a fresh connection (a new client each time) must be refused.
        var refused = false;
        for (var attempt = 0; attempt < 20 && !refused; attempt++)
        {
            using var newClient = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
            try
            {
                using var _ = await newClient.GetAsync("/health/live");
                await Task.Delay(50);
            }
            catch (HttpRequestException)
            {
                refused = true;
            }
        }

        Assert.True(refused, "new connections were still accepted while draining");
        Assert.False(inFlight.IsCompleted, "the in-flight request should still be running");
        using var response = await inFlight;
        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Sigterm_RequestLongerThanDrainTimeout_IsCutAtTheConfiguredTimeout()
    {
        await using var service = await SampleService.StartAsync(new() { ["ServiceDefaults__ShutdownTimeoutSeconds"] = "1" });
        using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = Timeout };

        var inFlight = http.GetAsync("/work/25000");
        await service.Process.WaitForLineAsync(l => l.Contains("working for 25000 ms", StringComparison.Ordinal), Timeout);
        var signalled = DateTime.UtcNow;
        service.Process.Terminate();

        await service.Process.WaitForExitAsync(TimeSpan.FromSeconds(15));
        Assert.True(DateTime.UtcNow - signalled < TimeSpan.FromSeconds(15));
        var outcome = await Record.ExceptionAsync(async () => (await inFlight).EnsureSuccessStatusCode());
        Assert.NotNull(outcome);
    }
}
