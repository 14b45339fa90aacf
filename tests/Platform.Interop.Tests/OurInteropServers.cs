using Platform.Testing;

namespace Platform.Interop.Tests;

/// <summary>Our interop server (tests/Interop/Server) twice, one h2c and one TLS, for a test class to drive.</summary>
public sealed class OurInteropServers : IAsyncLifetime
{
    private ChildProcess _plain = null!;
    private ChildProcess _tls = null!;

    public int PlainPort { get; private set; }

    public int TlsPort { get; private set; }

    /// <summary>What the h2c server has printed, for a failure message.</summary>
    public string PlainOutput => _plain.Output;

    /// <summary>What the TLS server has printed, for a failure message.</summary>
    public string TlsOutput => _tls.Output;

    public async Task InitializeAsync()
    {
        PlainPort = FreePort.Next();
        TlsPort = FreePort.Next();
        _plain = ChildProcess.StartDotnet("Platform.Interop.Server", [$"--port={PlainPort}"]);
        _tls = ChildProcess.StartDotnet("Platform.Interop.Server", [$"--port={TlsPort}", "--use_tls=true"]);
        await _plain.WaitForLineAsync(l => l.Contains("listening", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await _tls.WaitForLineAsync(l => l.Contains("listening", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _plain.DisposeAsync();
        await _tls.DisposeAsync();
    }
}
