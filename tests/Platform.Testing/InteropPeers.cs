using System.Diagnostics;

namespace Platform.Testing;

/// <summary>
/// The external peers: grpc-go's interop client and server, our Go reflection client (on grpc-go's own
/// reflection stubs) and the C++ peer. deploy/test.sh builds them first and passes the folder in
/// PLATFORM_PEERS_BIN; otherwise the build script runs here (it is idempotent and installs its Debian
/// packages). A missing peer fails the tests; it never skips them.
/// </summary>
public static class InteropPeers
{
    public const string GrpcTestData = "/usr/share/gocode/src/google.golang.org/grpc/testdata/";

    private static readonly string[] Programs = ["interop_client", "interop_server", "reflection_client", "cpp_peer_server"];

    private static readonly Lazy<string> BinFolder = new(Locate);

    public static string InteropClient => Path.Combine(BinFolder.Value, "interop_client");

    public static string InteropServer => Path.Combine(BinFolder.Value, "interop_server");

    public static string CppServer => Path.Combine(BinFolder.Value, "cpp_peer_server");

    public static string ReflectionClient => Path.Combine(BinFolder.Value, "reflection_client");

    public static readonly string[] StandardCases =
    [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "timeout_on_sleeping_server", "cancel_after_begin", "cancel_after_first_response",
        "status_code_and_message", "special_status_message", "custom_metadata",
        "unimplemented_method", "unimplemented_service",
    ];

    /// <summary>Runs a program to completion within a time limit; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan limit)
    {
        await using var process = ChildProcess.Start(fileName, arguments);
        try
        {
            var code = await process.WaitForExitAsync(limit);
            await Task.Delay(20);
            return (code, process.Output);
        }
        catch (OperationCanceledException)
        {
            return (-1, $"timed out after {limit.TotalSeconds} s\n{process.Output}");
        }
    }

    private static string Locate()
    {
        // A folder from an older build-peers.sh may lack a newer peer: then the (idempotent) script runs.
        if (Environment.GetEnvironmentVariable("PLATFORM_PEERS_BIN") is { Length: > 0 } bin && Programs.All(p => File.Exists(Path.Combine(bin, p))))
        {
            return bin;
        }

        var script = Path.Combine(BuildArtifacts.RepositoryRoot(), "tests", "Interop", "peers", "build-peers.sh");
        var info = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"build-peers.sh failed ({process.ExitCode}):\n{stderr.Result}");
        }

        return stdout.Trim().Split('\n')[^1];
    }
}
