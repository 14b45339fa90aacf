using Platform.Testing;

namespace Platform.Interop.Tests;

/// <summary>
/// The C++ peer (gRPC C-core, a third HTTP/2 stack) serves only the unary methods: our client must pass the
/// unary cases against it and must report the streaming ones as failed — proof that failures are detected.
/// </summary>
public sealed class CppPeerTests : IAsyncLifetime
{
    private ChildProcess _server = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = FreePort.Next();
        _server = ChildProcess.Start(Peers.CppServer, [$"--port={_port}", "--max_seconds=600"]);
        await _server.WaitForLineAsync(l => l.Contains("listening", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("empty_unary")]
    [InlineData("large_unary")]
    [InlineData("special_status_message")]
    [InlineData("unimplemented_service")]
    public async Task OurInteropClient_UnaryCases_PassAgainstCppPeer(string testCase)
    {
        var (code, output) = await OurClientAgainstGoServerTests.RunClientAsync($"--server_port={_port}", $"--test_case={testCase}");
        Assert.True(code == 0, $"{testCase} failed ({code}):\n{output}");
    }

    [Fact]
    public async Task OurInteropClient_StreamingCaseAgainstUnaryOnlyPeer_FailsWithUnimplemented()
    {
        var (code, output) = await OurClientAgainstGoServerTests.RunClientAsync($"--server_port={_port}", "--test_case=client_streaming");
        Assert.Equal(1, code);
        Assert.Contains("UNIMPLEMENTED", output, StringComparison.Ordinal);
    }
}
