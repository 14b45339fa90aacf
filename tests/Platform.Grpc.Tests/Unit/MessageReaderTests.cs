using System.IO.Pipelines;
using Google.Protobuf;
using Grpc.Testing;
using Platform.Grpc.Internal;
using Platform.Grpc.Tests.Support;

namespace Platform.Grpc.Tests.Unit;

public sealed class MessageReaderTests
{
    private static readonly byte[] SampleMessage = new SimpleRequest { ResponseSize = 42, Payload = new Payload { Body = ByteString.CopyFromUtf8("hello") } }.ToByteArray();

    [Fact]
    public async Task Read_TwoFramesSplitAcrossWrites_ParsesBothThenEnds()
    {
        var pipe = new Pipe();
        var bytes = RawGrpc.Frame(SampleMessage).Concat(RawGrpc.Frame(SampleMessage)).ToArray();
        _ = Task.Run(async () =>
        {
            foreach (var b in bytes)
            {
                await pipe.Writer.WriteAsync(new[] { b });
            }

            await pipe.Writer.CompleteAsync();
        });

        var first = await ReadAsync(pipe.Reader);
        var second = await ReadAsync(pipe.Reader);
        var end = await ReadAsync(pipe.Reader);
        Assert.Equal(42, first!.ResponseSize);
        Assert.Equal("hello", second!.Payload.Body.ToStringUtf8());
        Assert.Null(end);
    }

    [Fact]
    public async Task Read_StreamEndsInsideFrame_IsInternal()
    {
        var frame = RawGrpc.Frame(SampleMessage);
        var e = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(Completed(frame[..^3])));
        Assert.Equal(StatusCode.Internal, e.StatusCode);
        Assert.Contains("Incomplete message", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_LengthLargerThanMax_IsResourceExhaustedBeforeTheBodyArrives()
    {
        var header = RawGrpc.Frame([], declaredLength: 10_000_000);
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(header);
        var e = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(pipe.Reader, maxSize: 1024));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
    }

    [Fact]
    public async Task Read_CompressedFlagWithoutEncoding_IsInternal()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(Completed(RawGrpc.Frame(SampleMessage, flag: 1))));
        Assert.Equal(StatusCode.Internal, e.StatusCode);
        Assert.Contains("grpc-encoding", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_InvalidFlag_IsInternal()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(Completed(RawGrpc.Frame(SampleMessage, flag: 7))));
        Assert.Equal(StatusCode.Internal, e.StatusCode);
    }

    [Fact]
    public async Task Read_GzipFrame_IsInflated()
    {
        var frame = RawGrpc.Frame(GrpcCompression.Compress(SampleMessage), flag: 1);
        var message = await ReadAsync(Completed(frame), encoding: "gzip");
        Assert.Equal(42, message!.ResponseSize);
    }

    [Fact]
    public async Task Read_GzipBombBeyondMax_IsResourceExhausted()
    {
        var bomb = GrpcCompression.Compress(new byte[2_000_000]);
        var e = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(Completed(RawGrpc.Frame(bomb, flag: 1)), encoding: "gzip", maxSize: 100_000));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
    }

    [Fact]
    public async Task Read_InvalidProtobuf_IsInternal()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(Completed(RawGrpc.Frame([0x0A, 0xFF, 0xFF, 0xFF]))));
        Assert.Equal(StatusCode.Internal, e.StatusCode);
    }

    private static PipeReader Completed(byte[] bytes) => PipeReader.Create(new System.Buffers.ReadOnlySequence<byte>(bytes));

    private static async Task<SimpleRequest?> ReadAsync(PipeReader reader, string? encoding = null, int maxSize = 4 * 1024 * 1024) =>
        await MessageReader.ReadAsync(reader, SimpleRequest.Parser, encoding, maxSize, CancellationToken.None);
}
