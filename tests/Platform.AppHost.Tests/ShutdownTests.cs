using System.Globalization;
using Platform.Testing;

namespace Platform.AppHost.Tests;

/// <summary>
/// Stopping the local platform leaves nothing behind: no service, gateway or redis-server process of its data folder, and
/// its ports free for the next start. Both as a test host stops it (Aspire.Hosting.Testing) and as a user does (Ctrl+C or
/// SIGTERM to the host), when the host must also exit with code 0.
/// </summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan OrphanTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DisposingTheApp_StopsEveryProcessItStarted()
    {
        using var data = new TempFolder();
        var port = FreePort.NextConsecutive(5);
        var platform = await HostedPlatform.StartAsync(data.Path, port, "--no-sample");
        List<int> started;
        try
        {
            started = [.. platform.ResourceNames.Select(platform.ProcessId)];
            Assert.All(started, pid => Assert.True(PlatformProcesses.IsRunning(pid), $"resource process {pid} is not running"));
            Assert.NotEmpty(PlatformProcesses.Of(data.Path));
        }
        finally
        {
            await platform.DisposeAsync();
        }

        var left = await PlatformProcesses.WaitUntilGoneAsync(data.Path, OrphanTimeout);
        Assert.True(left.Count == 0, $"still running {OrphanTimeout} after the app was disposed:\n{string.Join('\n', left)}");
        Assert.All(started, pid => Assert.False(PlatformProcesses.IsRunning(pid), $"resource process {pid} is still running"));
        Assert.All(Enumerable.Range(port, 5), p => Assert.True(FreePort.IsFree(p), $"port {p} is still taken"));
    }

    [Fact]
    public async Task Sigterm_StopsTheHostWithCodeZero_AndEveryProcessItStarted()
    {
        using var data = new TempFolder();
        var port = FreePort.NextConsecutive(5);
        await using var host = ChildProcess.Start("dotnet", ["exec", BuildArtifacts.AssemblyPath("Platform.AppHost"),
            "--gateway-port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", data.Path, "--no-dashboard", "--no-sample"]);
        await host.WaitForLineAsync(l => l == $"Platform ready: http://127.0.0.1:{port}", TimeSpan.FromMinutes(4));
        var running = PlatformProcesses.Of(data.Path);
        Assert.Contains(running, p => p.CommandLine.Contains("redis-server", StringComparison.Ordinal));
        Assert.True(running.Count(p => p.Environment.ContainsKey("PLATFORM_DATA_DIR")) >= 4, "not every service runs:\n" + string.Join('\n', running));

        host.Terminate();
        int exitCode;
        try
        {
            exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the host did not exit within 60 s of SIGTERM.\n{host.Output}");
        }

        Assert.True(exitCode == 0, $"the host exited with {exitCode}.\n{host.Output}");
        var left = await PlatformProcesses.WaitUntilGoneAsync(data.Path, OrphanTimeout);
        Assert.True(left.Count == 0, $"still running {OrphanTimeout} after the host exited:\n{string.Join('\n', left)}\n{host.Output}");
        Assert.All(Enumerable.Range(port, 5), p => Assert.True(FreePort.IsFree(p), $"port {p} is still taken"));
    }
}
