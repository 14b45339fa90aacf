using Platform.Testing;

namespace Platform.Interop.Tests;

/// <summary>Our interop client (tests/Interop/Client) drives grpc-go's official interop server.</summary>
public sealed class OurClientAgainstGoServerTests : IAsyncLifetime
{
    private ChildProcess _plain = null!;
    private ChildProcess _tls = null!;
    private int _plainPort;
    private int _tlsPort;

    public async Task InitializeAsync()
    {
        _plainPort = FreePort.Next();
        _tlsPort = FreePort.Next();
        _plain = ChildProcess.Start(Peers.InteropServer, [$"--port={_plainPort}"]);
        _tls = ChildProcess.Start(Peers.InteropServer,
            [$"--port={_tlsPort}", "--use_tls", $"--tls_cert_file={Peers.GrpcTestData}server1.pem", $"--tls_key_file={Peers.GrpcTestData}server1.key"]);
        await WaitForPortAsync(_plainPort);
        await WaitForPortAsync(_tlsPort);
    }

    public async Task DisposeAsync()
    {
        await _plain.DisposeAsync();
        await _tls.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Peers.Cases), MemberType = typeof(Peers))]
    public async Task OurInteropClient_H2c_Passes(string testCase)
    {
        var (code, output) = await RunClientAsync($"--server_port={_plainPort}", $"--test_case={testCase}");
        Assert.True(code == 0, $"{testCase} failed ({code}):\n{output}");
    }

    [Theory]
    [MemberData(nameof(Peers.Cases), MemberType = typeof(Peers))]
    public async Task OurInteropClient_Tls_Passes(string testCase)
    {
        var (code, output) = await RunClientAsync($"--server_port={_tlsPort}", $"--test_case={testCase}",
            "--use_tls=true", "--use_test_ca=true", "--server_host_override=foo.test.google.fr");
        Assert.True(code == 0, $"{testCase} over TLS failed ({code}):\n{output}");
    }

    [Fact]
    public async Task OurInteropClient_WrongServerName_RejectsTheCertificate()
    {
        var (code, output) = await RunClientAsync($"--server_port={_tlsPort}", "--test_case=empty_unary",
            "--use_tls=true", "--use_test_ca=true", "--server_host_override=wrong.example.org");
        Assert.NotEqual(0, code);
        Assert.Contains("certificate", output, StringComparison.OrdinalIgnoreCase);
    }

    internal static Task<(int ExitCode, string Output)> RunClientAsync(params string[] arguments) =>
        Peers.RunAsync("dotnet", ["exec", BuildArtifacts.AssemblyPath("Platform.Interop.Client"), "--server_host=127.0.0.1", .. arguments],
            TimeSpan.FromSeconds(60));

    internal static async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var socket = new System.Net.Sockets.TcpClient();
                await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"Nothing listens on 127.0.0.1:{port}.");
    }
}
