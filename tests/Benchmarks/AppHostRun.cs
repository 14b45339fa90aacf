using System.Diagnostics;
using System.Text.RegularExpressions;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>How a SIGTERM to the app host went: seconds until the app host exited and until every platform process was gone.</summary>
internal sealed record StopResult(double AppHostSeconds, double AllGoneSeconds, int ProcessesBefore, IReadOnlyList<PlatformProcess> Leftover);

/// <summary>
/// The Aspire app host (deploy/AppHost, this build's configuration) as a child process, with the dashboard, on free
/// loopback ports: started and waited for ("Platform ready"), its processes found in /proc (<see cref="PlatformProcesses"/>),
/// stopped with SIGTERM and timed until all of them are gone.
/// </summary>
internal sealed partial class AppHostRun : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    private static readonly string[] NoDashboard = ["--no-dashboard"];

    private readonly ChildProcess _process;
    private bool _stopped;

    private AppHostRun(ChildProcess process, int gatewayPort, string apiKey, double readySeconds, PlatformProcesses processes)
    {
        _process = process;
        GatewayPort = gatewayPort;
        ApiKey = apiKey;
        ReadySeconds = readySeconds;
        Processes = processes;
    }

    public int GatewayPort { get; }

    public string ApiKey { get; }

    /// <summary>Seconds from starting the app host to its "Platform ready" line.</summary>
    public double ReadySeconds { get; }

    public PlatformProcesses Processes { get; }

    public static async Task<AppHostRun> StartAsync(string data, bool dashboard = true, string? postgres = null)
    {
        var (gatewayPort, dashboardPort) = FreePorts();
        var clock = Stopwatch.StartNew();
        var process = ChildProcess.StartDotnet("Platform.AppHost", [
            "--gateway-port", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", data, "--no-sample",
            .. dashboard ? ["--dashboard-port", dashboardPort.ToString(System.Globalization.CultureInfo.InvariantCulture)] : NoDashboard,
            .. postgres is null ? [] : new[] { "--postgres", postgres }]);
        try
        {
            await process.WaitForLineAsync(l => l.StartsWith("Platform ready", StringComparison.Ordinal), ReadyTimeout);
            var seconds = clock.Elapsed.TotalSeconds;
            var key = process.Lines.First(l => l.StartsWith("API key: ", StringComparison.Ordinal))["API key: ".Length..].Trim();
            if (dashboard && !process.Lines.Any(l => l.Contains("Login to the dashboard at ", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException("The app host became ready without the dashboard's login line.\n" + process.Output);
            }

            // "Starting DCP with arguments: start-apiserver --monitor <pid> --detach --kubeconfig "/tmp/aspire-dcpXXXX/kubeconfig""
            var kubeconfig = process.Lines.Select(l => Kubeconfig().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            var folder = kubeconfig is null ? null : Path.GetDirectoryName(kubeconfig);
            return new AppHostRun(process, gatewayPort, key, seconds, new PlatformProcesses(process.Id, folder, data));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// SIGTERM to the app host; then /proc is scanned every 50 ms until no process of the platform is left, for at
    /// most 30 s. Whatever is left then is reported and killed (SIGKILL).
    /// </summary>
    public async Task<StopResult> StopAsync()
    {
        _stopped = true;
        var before = Processes.Scan();
        var clock = Stopwatch.StartNew();
        if (!_process.HasExited)
        {
            _process.Terminate();
        }

        double? appHostGone = null;
        IReadOnlyList<PlatformProcess> left = before;
        while (clock.Elapsed < StopGrace)
        {
            left = Processes.Scan();
            appHostGone ??= left.Any(p => p.Group == "apphost") ? null : clock.Elapsed.TotalSeconds;
            if (left.Count == 0)
            {
                var gone = clock.Elapsed.TotalSeconds;
                return new StopResult(appHostGone ?? gone, gone, before.Count, []);
            }

            await Task.Delay(50);
        }

        Processes.Kill(left);
        return new StopResult(appHostGone ?? double.NaN, double.NaN, before.Count, left);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync();
        }

        await _process.DisposeAsync();
    }

    /// <summary>P with P..P+4 free (gateway, three services, redis) and D with D..D+2 free (dashboard, OTLP, resource service), apart.</summary>
    private static (int Gateway, int Dashboard) FreePorts()
    {
        var gateway = FreePort.NextConsecutive(5);
        return (gateway, FreePort.NextConsecutive(3, Enumerable.Range(gateway, 5).ToHashSet()));
    }

    [GeneratedRegex("""--kubeconfig "?([^"\s]+)""")]
    private static partial Regex Kubeconfig();
}
