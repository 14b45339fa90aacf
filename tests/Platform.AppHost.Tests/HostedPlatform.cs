using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.AppHost.Tests;

/// <summary>
/// One run of the local platform under Aspire.Hosting.Testing: the app host's own Program reads the options and declares
/// the resources, DCP starts the services, the gateway and redis-server as real processes, and the test waits until
/// Aspire reports each one healthy. Each resource's console is kept, to say why one did not become healthy.
/// </summary>
internal sealed class HostedPlatform : IAsyncDisposable
{
    public static readonly string[] Services = ["entities", "predictions", "documents", "gateway"];

    private static readonly TimeSpan HealthyTimeout = TimeSpan.FromMinutes(3);

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _logs = new();
    private readonly CancellationTokenSource _stopWatching = new();
    private int _stopped;

    private HostedPlatform(DistributedApplication app, string dataDirectory, int gatewayPort, int consoleMark)
    {
        App = app;
        DataDirectory = dataDirectory;
        GatewayPort = gatewayPort;
        ConsoleMark = consoleMark;
        Gateway = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gatewayPort}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public DistributedApplication App { get; }

    public string DataDirectory { get; }

    public int GatewayPort { get; }

    /// <summary>The host's console lines from this run on start here (see <see cref="ConsoleLines"/>).</summary>
    public int ConsoleMark { get; }

    /// <summary>HTTP/1.1 JSON calls to the gateway, as a browser or script makes them.</summary>
    public HttpClient Gateway { get; }

    /// <summary>The names of the resources in the app model that the dashboard lists: not the hidden "-rebuilder"
    /// helper Aspire adds beside each project.</summary>
    public IReadOnlyList<string> ResourceNames =>
        [.. App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(r => !(App.ResourceNotifications.TryGetCurrentState(r.Name, out var state) && state.Snapshot.IsHidden))
            .Select(r => r.Name)];

    /// <summary>The local admin key, as the host keeps it in the data folder.</summary>
    public string ApiKey => File.ReadAllText(Path.Combine(DataDirectory, "local-api-key")).Trim();

    /// <summary>Starts the app host with <c>--gateway-port --data-dir --no-dashboard</c> and <paramref name="options"/>,
    /// and waits until every service (and redis-server, when the model has it) is healthy.</summary>
    public static async Task<HostedPlatform> StartAsync(string dataDirectory, int gatewayPort, params string[] options)
    {
        var mark = ConsoleLines.Count;
        string[] args = ["--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture), "--data-dir", dataDirectory, "--no-dashboard", .. options];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Platform_AppHost>(args);
        var app = await builder.BuildAsync();
        var platform = new HostedPlatform(app, dataDirectory, gatewayPort, mark);
        try
        {
            platform.KeepLogs();
            using var timeout = new CancellationTokenSource(HealthyTimeout);
            await app.StartAsync(timeout.Token);
            foreach (var name in platform.ResourceNames.Where(n => Services.Contains(n) || n == "redis"))
            {
                await platform.WaitHealthyAsync(name, timeout.Token);
            }
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }

        return platform;
    }

    /// <summary>The process id DCP started for <paramref name="resource"/>, as Aspire reports it.</summary>
    public int ProcessId(string resource)
    {
        if (!App.ResourceNotifications.TryGetCurrentState(resource, out var state))
        {
            throw new InvalidOperationException($"No state for resource {resource}.");
        }

        var pid = state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
        return Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }

    /// <summary>GET <paramref name="path"/> on the gateway, asserting a 200 JSON answer.</summary>
    public async Task<JsonNode> GetJsonAsync(string path, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Add("x-api-key", apiKey);
        }

        using var response = await Gateway.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    /// <summary>Stops the app as a test ends it: StopAsync, then DisposeAsync.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await App.StopAsync(timeout.Token);
        }
        finally
        {
            await App.DisposeAsync();
            await _stopWatching.CancelAsync();
            _stopWatching.Dispose();
            Gateway.Dispose();
        }
    }

    private async Task WaitHealthyAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(name, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            App.ResourceNotifications.TryGetCurrentState(name, out var state);
            var reports = state?.Snapshot.HealthReports.Select(r => $"{r.Name}: {r.Status} {r.Description} {r.ExceptionText}") ?? [];
            throw new TimeoutException($"{name} was not healthy within {HealthyTimeout} (state {state?.Snapshot.State?.Text}; " +
                $"{string.Join("; ", reports)}). Its console:\n{string.Join('\n', _logs.GetValueOrDefault(name) ?? new())}");
        }
    }

    private void KeepLogs()
    {
        var logs = App.Services.GetRequiredService<ResourceLoggerService>();
        var stop = _stopWatching.Token;
        foreach (var name in App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Select(r => r.Name))
        {
            var lines = _logs.GetOrAdd(name, _ => new ConcurrentQueue<string>());
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in logs.WatchAsync(name).WithCancellation(stop))
                    {
                        foreach (var line in batch)
                        {
                            lines.Enqueue(line.Content);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // The test is over.
                }
            });
        }
    }
}
