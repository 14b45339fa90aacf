using System.Diagnostics;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>The C++ gRPC peer server, built from Debian packages by tests/Interop/peers/build-peers.sh.</summary>
internal static class Peers
{
    public static string BinFolder()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_PEERS_BIN") is { Length: > 0 } bin && File.Exists(Path.Combine(bin, "cpp_peer_server")))
        {
            return bin;
        }

        var script = Path.Combine(BuildArtifacts.RepositoryRoot(), "tests", "Interop", "peers", "build-peers.sh");
        var info = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout.Trim().Split('\n')[^1]
            : throw new InvalidOperationException("build-peers.sh failed; see its output above.");
    }

    public static async Task<(ChildProcess Process, int Port)> StartCppServerAsync(int maxSeconds)
    {
        var port = FreePort.Next();
        var process = ChildProcess.Start(Path.Combine(BinFolder(), "cpp_peer_server"), [$"--port={port}", $"--max_seconds={maxSeconds}"]);
        await process.WaitForLineAsync(l => l.Contains("listening", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        return (process, port);
    }
}
