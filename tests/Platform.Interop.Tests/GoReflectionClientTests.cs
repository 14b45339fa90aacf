using Platform.Testing;

namespace Platform.Interop.Tests;

/// <summary>
/// An independent reflection client (tests/Interop/peers/reflection_client.go, on grpc-go's own
/// grpc.reflection.v1alpha stubs) asks our interop server which services it has and decodes their
/// FileDescriptorProtos with golang/protobuf.
/// </summary>
public sealed class GoReflectionClientTests : IAsyncLifetime
{
    private ChildProcess _server = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = FreePort.Next();
        _server = ChildProcess.StartDotnet("Platform.Interop.Server", [$"--port={_port}"]);
        await _server.WaitForLineAsync(l => l.Contains("listening", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ListsEveryServiceWithItsMethods()
    {
        var lines = await RunAsync();

        Assert.Contains("SERVICE grpc.testing.TestService", lines);
        Assert.Contains("SERVICE grpc.health.v1.Health", lines);
        Assert.Contains("SERVICE grpc.reflection.v1alpha.ServerReflection", lines);
        Assert.Contains("SERVICE grpc.reflection.v1.ServerReflection", lines);
        string[] testService =
        [
            "grpc.testing.TestService/EmptyCall .grpc.testing.Empty .grpc.testing.Empty false false",
            "grpc.testing.TestService/UnaryCall .grpc.testing.SimpleRequest .grpc.testing.SimpleResponse false false",
            "grpc.testing.TestService/CacheableUnaryCall .grpc.testing.SimpleRequest .grpc.testing.SimpleResponse false false",
            "grpc.testing.TestService/StreamingOutputCall .grpc.testing.StreamingOutputCallRequest .grpc.testing.StreamingOutputCallResponse false true",
            "grpc.testing.TestService/StreamingInputCall .grpc.testing.StreamingInputCallRequest .grpc.testing.StreamingInputCallResponse true false",
            "grpc.testing.TestService/FullDuplexCall .grpc.testing.StreamingOutputCallRequest .grpc.testing.StreamingOutputCallResponse true true",
            "grpc.testing.TestService/HalfDuplexCall .grpc.testing.StreamingOutputCallRequest .grpc.testing.StreamingOutputCallResponse true true",
            "grpc.testing.TestService/UnimplementedCall .grpc.testing.Empty .grpc.testing.Empty false false",
        ];
        Assert.Equal(testService, lines.Where(l => l.StartsWith("METHOD grpc.testing.TestService/", StringComparison.Ordinal)).Select(l => l["METHOD ".Length..]));
        Assert.Contains("METHOD grpc.health.v1.Health/Watch .grpc.health.v1.HealthCheckRequest .grpc.health.v1.HealthCheckResponse false true", lines);
        Assert.Contains(
            "METHOD grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo .grpc.reflection.v1alpha.ServerReflectionRequest .grpc.reflection.v1alpha.ServerReflectionResponse true true",
            lines);
    }

    [Theory]
    [InlineData("grpc.testing.SimpleRequest", "grpc/testing/messages.proto", 0)]
    [InlineData("grpc.testing.TestService", "grpc/testing/test.proto", 2)]
    [InlineData("grpc.testing.TestService.FullDuplexCall", "grpc/testing/test.proto", 2)]
    public async Task ResolvesASymbolToItsFile(string symbol, string file, int dependencies)
    {
        var lines = await RunAsync($"--symbol={symbol}");

        Assert.Contains($"SYMBOL {symbol} FILE {file} DEPS {dependencies}", lines);
    }

    [Fact]
    public async Task UnknownSymbol_IsAnErrorResponseWithNotFound()
    {
        var lines = await RunAsync("--symbol=no.such.Thing");

        Assert.Single(lines, l => l.StartsWith("ERROR 5 ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("SYMBOL ", StringComparison.Ordinal));
    }

    /// <summary>Runs the client; it must exit 0 (an error_response for --symbol is an answer, not a failure).</summary>
    private async Task<string[]> RunAsync(params string[] extra)
    {
        var (code, output) = await Peers.RunAsync(Peers.ReflectionClient,
            ["--server_host=127.0.0.1", $"--server_port={_port}", "--timeout=10s", .. extra], TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"reflection_client failed ({code}):\n{output}\nserver:\n{_server.Output}");
        return output.Split('\n');
    }
}
