namespace Platform.Interop.Tests;

/// <summary>grpc-go's official interop client drives our interop server (tests/Interop/Server).</summary>
public sealed class GoClientAgainstOurServerTests(OurInteropServers servers) : IClassFixture<OurInteropServers>
{
    private readonly int _plainPort = servers.PlainPort;
    private readonly int _tlsPort = servers.TlsPort;

    [Theory]
    [MemberData(nameof(Peers.Cases), MemberType = typeof(Peers))]
    public async Task GoInteropClient_H2c_Passes(string testCase)
    {
        var (code, output) = await Peers.RunAsync(Peers.InteropClient,
            ["--server_host=127.0.0.1", $"--server_port={_plainPort}", $"--test_case={testCase}"], TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"{testCase} failed ({code}):\n{output}\nserver:\n{servers.PlainOutput}");
    }

    [Theory]
    [MemberData(nameof(Peers.Cases), MemberType = typeof(Peers))]
    public async Task GoInteropClient_Tls_Passes(string testCase)
    {
        var (code, output) = await Peers.RunAsync(Peers.InteropClient,
            ["--server_host=127.0.0.1", $"--server_port={_tlsPort}", $"--test_case={testCase}",
             "--use_tls=true", "--use_test_ca=true", "--server_host_override=foo.test.google.fr"], TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"{testCase} over TLS failed ({code}):\n{output}\nserver:\n{servers.TlsOutput}");
    }
}
