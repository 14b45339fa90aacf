using System.Net;
using Google.Protobuf;
using Grpc.Testing;
using Platform.Grpc.Tests.Support;

namespace Platform.Grpc.Tests.Functional;

/// <summary>Requests that are not valid gRPC are refused before any service code runs, with a clear status.</summary>
public sealed class ProtocolRejectionTests : IAsyncLifetime
{
    private TestGrpcServer _server = null!;

    public async Task InitializeAsync() => _server = await TestGrpcServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Http11Request_Gets426_WithGrpcStatusNamingTheProtocol()
    {
        using var http1 = new HttpClient { BaseAddress = _server.Http1Address };
        using var content = new ByteArrayContent(RawGrpc.Frame(new Empty().ToByteArray()));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");

        using var response = await http1.PostAsync("/grpc.testing.TestService/EmptyCall", content);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Contains("HTTP/2", response.Headers.GetValues("grpc-message").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongContentType_Gets415()
    {
        using var raw = _server.CreateRawClient();
        var result = await RawGrpc.CallAsync(raw, "/grpc.testing.TestService/EmptyCall", RawGrpc.Frame([]), contentType: "application/json");
        Assert.Equal(415, result.HttpStatus);
        Assert.Equal((int)StatusCode.Internal, result.GrpcStatus);
        Assert.Contains("application/json", result.GrpcMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/grpc")]
    [InlineData("application/grpc+proto")]
    [InlineData("application/grpc; charset=utf-8")]
    public async Task GrpcContentTypeVariants_AreAccepted(string contentType)
    {
        using var raw = _server.CreateRawClient();
        var result = await RawGrpc.CallAsync(raw, "/grpc.testing.TestService/EmptyCall", RawGrpc.Frame([]), contentType: contentType);
        Assert.Equal(0, result.GrpcStatus);
        Assert.Equal("application/grpc", result.ContentType);
    }

    [Fact]
    public async Task GetRequest_Gets405()
    {
        using var raw = _server.CreateRawClient();
        using var response = await raw.GetAsync("/grpc.testing.TestService/EmptyCall");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task UnsupportedEncoding_IsUnimplemented_AndAdvertisesWhatIsAccepted()
    {
        using var raw = _server.CreateRawClient();
        var result = await RawGrpc.CallAsync(raw, "/grpc.testing.TestService/EmptyCall", RawGrpc.Frame([], flag: 1),
            headers: [new("grpc-encoding", "snappy")]);
        Assert.Equal((int)StatusCode.Unimplemented, result.GrpcStatus);
        Assert.Contains("grpc-accept-encoding", result.HeaderNames);
    }

    [Fact]
    public async Task GzipResponse_WhenRequested_IsCompressedOnTheWire()
    {
        using var raw = _server.CreateRawClient();
        var request = new SimpleRequest { ResponseSize = 10_000, ResponseCompressed = new BoolValue { Value = true } };
        var result = await RawGrpc.CallAsync(raw, "/grpc.testing.TestService/UnaryCall", RawGrpc.Frame(request.ToByteArray()),
            headers: [new("grpc-accept-encoding", "identity,gzip")]);

        Assert.Equal(0, result.GrpcStatus);
        Assert.Equal("gzip", result.GrpcEncoding);
        Assert.Equal(1, result.Body[0]);
        Assert.True(result.Body.Length < 1000, $"10 kB of zeros should compress well, got {result.Body.Length} bytes");
    }

    [Fact]
    public async Task InvalidTimeoutHeader_IsRejectedWithInternal()
    {
        using var raw = _server.CreateRawClient();
        var result = await RawGrpc.CallAsync(raw, "/grpc.testing.TestService/EmptyCall", RawGrpc.Frame([]), headers: [new("grpc-timeout", "soon")]);
        Assert.Equal((int)StatusCode.Internal, result.GrpcStatus);
        Assert.Contains("grpc-timeout", result.GrpcMessage, StringComparison.Ordinal);
    }
}
