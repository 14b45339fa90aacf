using Platform.Testing;

namespace Platform.Interop.Tests;

/// <summary>grpc-go's official interop client drives our interop server (tests/Interop/Server).</summary>
public sealed class GoClientAgainstOurServerTests : IAsyncLifetime
{
    private ChildProcess _plain = null!;
    private ChildProcess _tls = null!;
    private int _plainPort;
    private int _tlsPort;

    public async Task InitializeAsync()
    {
        _plainPort = FreePort.Next();
        _tlsPort = FreePort.Next();
        _plain = ChildProcess.StartDotnet("Platform.Interop.Server", [$"--port={_plainPort}"]);
        _tls = ChildProcess.StartDotnet("Platform.Interop.Server", [$"--port={_tlsPort}", "--use_tls=true"]);
        await _plain.WaitForLineAsync(l => l.Contains("listening", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await _tls.WaitForLineAsync(l => l.Contains("listening", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _plain.DisposeAsync();
        await _tls.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Peers.Cases), MemberType = typeof(Peers))]
    public async Task GoInteropClient_H2c_Passes(string testCase)
    {
        var (code, output) = await Peers.RunAsync(Peers.InteropClient,
            ["--server_host=127.0.0.1", $"--server_port={_plainPort}", $"--test_case={testCase}"], TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"{testCase} failed ({code}):\n{output}\nserver:\n{_plain.Output}");
    }

    [Theory]
    [MemberData(nameof(Peers.Cases), MemberType = typeof(Peers))]
    public async Task GoInteropClient_Tls_Passes(string testCase)
    {
        var (code, output) = await Peers.RunAsync(Peers.InteropClient,
            ["--server_host=127.0.0.1", $"--server_port={_tlsPort}", $"--test_case={testCase}",
             "--use_tls=true", "--use_test_ca=true", "--server_host_override=foo.test.google.fr"], TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"{testCase} over TLS failed ({code}):\n{output}\nserver:\n{_tls.Output}");
    }
}
