using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Google.Protobuf;
using Grpc.Core;

namespace Platform.ServiceDefaults.Tests.Grpc;

/// <summary>
/// Requests no well-behaved client sends are answered with a gRPC status, or the proper HTTP status, within a time
/// limit: never a hang, never a crash, and the server goes on serving.
/// </summary>
public sealed class BadFrameTests : IAsyncLifetime
{
    private const string EchoPath = "/platform.testing.v1.FunctionalService/Echo";
    private GrpcTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GrpcTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, byte[], string?, StatusCode, string> MalformedBodies()
    {
        var message = new EchoRequest { Text = "hello" }.ToByteArray();
        var frame = RawGrpc.Frame(message);
        return new TheoryData<string, byte[], string?, StatusCode, string>
        {
            { "no message at all for a unary call", [], null, StatusCode.Internal, "Incomplete message" },
            { "only part of the 5-byte prefix", frame[..3], null, StatusCode.Internal, "Incomplete message" },
            { "truncated message", frame[..^1], null, StatusCode.Internal, "Incomplete message" },
            { "length prefix longer than the body", RawGrpc.Frame(message, declaredLength: 1000), null, StatusCode.Internal, "Incomplete message" },
            { "compressed flag without grpc-encoding", RawGrpc.Frame(message, flag: 1), null, StatusCode.Internal, "grpc-encoding" },
            { "two messages for a unary call", [.. frame, .. frame], null, StatusCode.Internal, "Additional data" },
            {
                "length prefix over the receive limit", RawGrpc.Frame([], declaredLength: GrpcTestServer.MaxReceiveMessageSize + 1), null,
                StatusCode.ResourceExhausted, "maximum configured message size"
            },
            { "unsupported grpc-encoding", RawGrpc.Frame(message, flag: 1), "snappy", StatusCode.Unimplemented, "Supported encodings" },
            // Grpc.AspNetCore fails these while deserializing, inside the handler's call: UNKNOWN without details.
            { "invalid compressed flag", RawGrpc.Frame(message, flag: 9), null, StatusCode.Unknown, "Exception was thrown by handler" },
            { "invalid protobuf", RawGrpc.Frame([0x0A, 0x7F, 0x01]), null, StatusCode.Unknown, "Exception was thrown by handler" },
            { "gzip flag and header, payload not gzip", RawGrpc.Frame([1, 2, 3, 4], flag: 1), "gzip", StatusCode.Unknown, "Exception was thrown by handler" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task MalformedBody_EndsWithAStatusNamingTheProblem_AndTheServerStillServes(
        string description, byte[] body, string? encoding, StatusCode expected, string messagePart)
    {
        using var raw = _server.CreateRawClient();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        KeyValuePair<string, string>[] headers = encoding is null ? [] : [new("grpc-encoding", encoding)];

        var result = await RawGrpc.CallAsync(raw, EchoPath, body, headers: headers, cancellationToken: limit.Token);

        Assert.True(result.GrpcStatus == (int)expected, $"{description}: expected {expected}, got {result.GrpcStatus} ({result.GrpcMessage})");
        Assert.Contains(messagePart, result.GrpcMessage, StringComparison.Ordinal);
        Assert.Equal(0, _server.Calls.Echoes);
        await AssertStillServesAsync(raw);
    }

    [Fact]
    public async Task UnsupportedEncoding_AdvertisesTheEncodingsTheServerAccepts()
    {
        using var raw = _server.CreateRawClient();
        var result = await RawGrpc.CallAsync(raw, EchoPath, RawGrpc.Frame([], flag: 1), headers: [new("grpc-encoding", "snappy")]);

        Assert.Equal((int)StatusCode.Unimplemented, result.GrpcStatus);
        Assert.Contains("gzip", result.GrpcAcceptEncoding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GzipCompressedRequest_IsAccepted()
    {
        using var raw = _server.CreateRawClient();
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(new EchoRequest { Text = "squeezed" }.ToByteArray());
        }

        var result = await RawGrpc.CallAsync(raw, EchoPath, RawGrpc.Frame(compressed.ToArray(), flag: 1), headers: [new("grpc-encoding", "gzip")]);

        Assert.Equal(0, result.GrpcStatus);
        Assert.Equal("squeezed", EchoReply.Parser.ParseFrom(result.Body.AsSpan(5)).Text);
    }

    [Fact]
    public async Task WrongContentType_Gets415_WithAGrpcStatusNamingIt()
    {
        using var raw = _server.CreateRawClient();
        var result = await RawGrpc.CallAsync(raw, EchoPath, RawGrpc.Frame(new EchoRequest().ToByteArray()), contentType: "application/json");

        Assert.Equal((int)HttpStatusCode.UnsupportedMediaType, result.HttpStatus);
        Assert.Equal((int)StatusCode.Internal, result.GrpcStatus);
        Assert.Contains("application/json", result.GrpcMessage, StringComparison.Ordinal);
        Assert.Equal(0, _server.Calls.Echoes);
        await AssertStillServesAsync(raw);
    }

    [Fact]
    public async Task Http11Request_Gets400FromTheHttp2OnlyEndpoint_AndTheConnectionIsClosed()
    {
        // Cleartext endpoints are HTTP/2 only (prior knowledge), so Kestrel refuses HTTP/1.1 before gRPC sees it.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _server.Address.Port);
        var stream = tcp.GetStream();
        var frame = RawGrpc.Frame(new EchoRequest().ToByteArray());
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {EchoPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/grpc\r\nTE: trailers\r\nContent-Length: {frame.Length}\r\n\r\n"));
        await stream.WriteAsync(frame);

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var response = await reader.ReadToEndAsync(limit.Token);

        Assert.StartsWith("HTTP/1.1 400 Bad Request", response, StringComparison.Ordinal);
        Assert.Contains("HTTP/2 only endpoint", response, StringComparison.Ordinal);
        Assert.Equal(0, _server.Calls.Echoes);
        using var raw = _server.CreateRawClient();
        await AssertStillServesAsync(raw);
    }

    private async Task AssertStillServesAsync(HttpClient raw)
    {
        var before = _server.Calls.Echoes;
        var result = await RawGrpc.CallAsync(raw, EchoPath, RawGrpc.Frame(new EchoRequest { Text = "still here" }.ToByteArray()));
        Assert.Equal(0, result.GrpcStatus);
        Assert.Equal("still here", EchoReply.Parser.ParseFrom(result.Body.AsSpan(5)).Text);
        Assert.Equal(before + 1, _server.Calls.Echoes);
    }
}
