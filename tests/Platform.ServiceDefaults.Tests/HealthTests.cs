using System.Net;
using System.Text.Json;

namespace Platform.ServiceDefaults.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Liveness_RunsOnlyLiveChecks_AndReadiness_RunsAll()
    {
        await using var service = await SampleService.StartAsync();
        using var http = new HttpClient { BaseAddress = service.BaseAddress };

        var live = await GetReportAsync(http, "/health/live");
        Assert.Equal("Healthy", live.GetProperty("status").GetString());
        Assert.True(live.GetProperty("checks").TryGetProperty("self", out _));
        Assert.False(live.GetProperty("checks").TryGetProperty("shutdown", out _));

        var ready = await GetReportAsync(http, "/health/ready");
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.True(ready.GetProperty("checks").TryGetProperty("shutdown", out _));
    }

    [Fact]
    public async Task Readiness_DuringShutdownDrain_ReportsUnhealthy()
    {
        await using var service = await SampleService.StartAsync();
        // One client, so the probe rides the connection that is already open while new ones are refused.
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { BaseAddress = service.BaseAddress };
        var warmup = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, warmup.StatusCode);

        using var drainingClient = new HttpClient { BaseAddress = service.BaseAddress };
        var inFlight = drainingClient.GetAsync("/work/2000");
        await service.Process.WaitForLineAsync(l => l.Contains("working for 2000 ms", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        service.Process.Terminate();
        await service.Process.WaitForLineAsync(l => l.Contains("Application is shutting down", StringComparison.Ordinal), TimeSpan.FromSeconds(20));

        using var probe = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, probe.StatusCode);
        (await inFlight).EnsureSuccessStatusCode();
    }

    private static async Task<JsonElement> GetReportAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
