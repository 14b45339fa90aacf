using Google.Protobuf;
using Grpc.Testing;
using Platform.Grpc.Tests.Support;

namespace Platform.Grpc.Tests.Functional;

/// <summary>Malformed gRPC bodies end with a proper status; the server never crashes or hangs and keeps serving.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const string UnaryPath = "/grpc.testing.TestService/UnaryCall";
    private TestGrpcServer _server = null!;

    public async Task InitializeAsync() => _server = await TestGrpcServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, byte[], int> Cases()
    {
        var message = new SimpleRequest { ResponseSize = 3 }.ToByteArray();
        var frame = RawGrpc.Frame(message);
        return new TheoryData<string, byte[], int>
        {
            { "empty body (no message for a unary call)", [], (int)StatusCode.Internal },
            { "only part of the 5-byte header", frame[..3], (int)StatusCode.Internal },
            { "truncated message", frame[..^1], (int)StatusCode.Internal },
            { "length prefix larger than the body", RawGrpc.Frame(message, declaredLength: 1000), (int)StatusCode.Internal },
            { "compressed flag without grpc-encoding", RawGrpc.Frame(message, flag: 1), (int)StatusCode.Internal },
            { "invalid compressed flag", RawGrpc.Frame(message, flag: 9), (int)StatusCode.Internal },
            { "invalid protobuf", RawGrpc.Frame([0x12, 0x7F, 0x01]), (int)StatusCode.Internal },
            { "two messages for a unary call", [.. frame, .. frame], (int)StatusCode.Internal },
            { "length over the max", RawGrpc.Frame([], declaredLength: 64 * 1024 * 1024), (int)StatusCode.ResourceExhausted },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedBody_EndsWithStatus_AndServerStillServes(string description, byte[] body, int expectedStatus)
    {
        using var raw = _server.CreateRawClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var result = await RawGrpc.CallAsync(raw, UnaryPath, body, cancellationToken: timeout.Token);

        Assert.True(expectedStatus == result.GrpcStatus, $"{description}: expected {expectedStatus}, got {result.GrpcStatus} ({result.GrpcMessage})");
        Assert.False(string.IsNullOrEmpty(result.GrpcMessage), $"{description}: the status should say what was wrong");
        var healthy = await RawGrpc.CallAsync(raw, UnaryPath, RawGrpc.Frame(new SimpleRequest { ResponseSize = 2 }.ToByteArray()));
        Assert.Equal(0, healthy.GrpcStatus);
    }
}
