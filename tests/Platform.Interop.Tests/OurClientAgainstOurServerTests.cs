using Platform.Testing;

namespace Platform.Interop.Tests;

/// <summary>
/// The gzip cases, which grpc-go 1.33's interop programs do not implement, between our interop client and our
/// interop server, over h2c and TLS. Both sides check every message's compressed flag, and a server without
/// the checks is caught by each case's probe (see tests/Interop/Client/CompressionCases.cs).
/// </summary>
public sealed class OurClientAgainstOurServerTests(OurInteropServers servers) : IClassFixture<OurInteropServers>
{
    private readonly int _plainPort = servers.PlainPort;
    private readonly int _tlsPort = servers.TlsPort;

    [Theory]
    [MemberData(nameof(Peers.CompressedCases), MemberType = typeof(Peers))]
    public async Task OurInteropClient_CompressionCase_H2c_Passes(string testCase)
    {
        var (code, output) = await OurClientAgainstGoServerTests.RunClientAsync($"--server_port={_plainPort}", $"--test_case={testCase}");
        Assert.True(code == 0, $"{testCase} failed ({code}):\n{output}\nserver:\n{servers.PlainOutput}");
    }

    [Theory]
    [MemberData(nameof(Peers.CompressedCases), MemberType = typeof(Peers))]
    public async Task OurInteropClient_CompressionCase_Tls_Passes(string testCase)
    {
        var (code, output) = await OurClientAgainstGoServerTests.RunClientAsync($"--server_port={_tlsPort}", $"--test_case={testCase}",
            "--use_tls=true", "--use_test_ca=true", "--server_host_override=foo.test.google.fr");
        Assert.True(code == 0, $"{testCase} over TLS failed ({code}):\n{output}\nserver:\n{servers.TlsOutput}");
    }

    [Theory]
    [InlineData("client_compressed_unary")]
    [InlineData("client_compressed_streaming")]
    public async Task OurInteropClient_ClientCompressionCaseAgainstGoServer_FailsItsProbe(string testCase)
    {
        // grpc-go 1.33's server ignores expect_compressed: the probe must report that, neither pass nor hang.
        var port = FreePort.Next();
        await using var go = ChildProcess.Start(Peers.InteropServer, [$"--port={port}"]);
        await OurClientAgainstGoServerTests.WaitForPortAsync(port);

        var (code, output) = await OurClientAgainstGoServerTests.RunClientAsync($"--server_port={port}", $"--test_case={testCase}");

        Assert.Equal(1, code);
        Assert.Contains("probe", output, StringComparison.Ordinal);
        Assert.Contains("expected status INVALID_ARGUMENT (3), but the call succeeded", output, StringComparison.Ordinal);
    }
}
