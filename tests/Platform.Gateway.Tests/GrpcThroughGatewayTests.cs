using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>
/// grpc-go's official interop client, pointed at the gateway instead of the server: every standard case —
/// unary, client, server and bidirectional streams, empty streams, large messages, status codes and messages,
/// custom initial and trailing metadata, deadlines and cancellation — must pass through the forwarder.
/// </summary>
[Collection(RunningPlatformGroup.Name)]
public sealed class GrpcThroughGatewayTests(RunningPlatform stack)
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in InteropPeers.StandardCases)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GoInteropClient_ThroughTheGateway_Passes(string testCase)
    {
        var (code, output) = await InteropPeers.RunAsync(InteropPeers.InteropClient,
            ["--server_host=127.0.0.1", $"--server_port={stack.Gateway.Port}", $"--test_case={testCase}"], TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"{testCase} through the gateway failed ({code}):\n{output}\ngateway:\n{Tail(stack.Gateway.Output)}");
    }

    internal static string Tail(string output) => output.Length > 4000 ? output[^4000..] : output;
}
