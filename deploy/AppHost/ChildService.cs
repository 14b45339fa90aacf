using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Platform.AppHost;

/// <summary>One service running as a child process, its output prefixed with its name.</summary>
internal sealed partial class ChildService(ServiceSpec spec, string? assemblyPath, ConsoleOutput output)
{
    private const int Sigterm = 15;
    private Process? _process;

    public ServiceSpec Spec => spec;

    public bool HasExited => _process is { HasExited: true };

    public Task Exited => _process?.WaitForExitAsync() ?? Task.CompletedTask;

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    public void Start()
    {
        var info = new ProcessStartInfo(spec.Executable ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = assemblyPath is null ? Environment.CurrentDirectory : Path.GetDirectoryName(assemblyPath)!,
        };
        if (spec.Executable is null)
        {
            info.ArgumentList.Add("exec");
            info.ArgumentList.Add(assemblyPath!);
            info.ArgumentList.Add("--urls");
            info.ArgumentList.Add(spec.BaseAddress.ToString().TrimEnd('/'));
        }

        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => output.WriteLine(spec.Name, e.Data);
        process.ErrorDataReceived += (_, e) => output.WriteLine(spec.Name, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>Polls the readiness probe until it answers 200, the process dies, or time runs out.</summary>
    public async Task<bool> WaitReadyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (!deadline.IsCancellationRequested)
        {
            if (HasExited)
            {
                return false;
            }

            try
            {
                var ready = spec.Executable is null
                    ? await HttpAnswersAsync(http, deadline.Token)
                    : await RedisAnswersAsync(spec.Port, deadline.Token);
                if (ready)
                {
                    return true;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return false;
    }

    private async Task<bool> HttpAnswersAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var probe = new HttpRequestMessage(HttpMethod.Get, spec.ReadinessUri);
            if (spec.Http2Only)
            {
                probe.Version = System.Net.HttpVersion.Version20;
                probe.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            }

            using var response = await http.SendAsync(probe, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }

    private static async Task<bool> RedisAnswersAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM first so the service drains its requests; a hard kill only after the grace period.</summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, Sigterm);
        using var grace = new CancellationTokenSource(gracePeriod);
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            output.WriteLine(spec.Name, $"did not stop within {gracePeriod.TotalSeconds:0} s; killing it");
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
