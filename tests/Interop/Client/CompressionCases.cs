using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;

namespace Platform.Interop.Client;

/// <summary>
/// client_compressed_unary, client_compressed_streaming, server_compressed_unary, server_compressed_streaming.
/// Grpc.Net.Client compresses a call's requests with the algorithm named by the grpc-internal-encoding-request
/// header (sent as grpc-encoding); WriteFlags.NoCompress sends one message uncompressed.
/// </summary>
internal static class CompressionCases
{
    private const string EncodingRequestKey = "grpc-internal-encoding-request";

    public static async Task ClientCompressedUnaryAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);

        // The probe claims compression but sends plain: a server that checks must refuse it.
        using (var probe = client.UnaryCallAsync(CompressedCheckRequest(expectCompressed: true)))
        {
            await Check.FailsWithAsync(() => probe.ResponseAsync, StatusCode.InvalidArgument, null,
                "UnaryCall probe (expect_compressed=true, sent uncompressed)");
        }

        using (var compressed = client.UnaryCallAsync(CompressedCheckRequest(expectCompressed: true), GzipRequests()))
        {
            var response = await compressed;
            Check.ZeroPayload(response.Payload, UnaryCases.LargeResponseSize, "UnaryCall response to a compressed request");
        }

        using var plain = client.UnaryCallAsync(CompressedCheckRequest(expectCompressed: false));
        Check.ZeroPayload((await plain).Payload, UnaryCases.LargeResponseSize, "UnaryCall response to an uncompressed request");
    }

    public static async Task ClientCompressedStreamingAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);

        using (var probe = client.StreamingInputCall())
        {
            await probe.RequestStream.WriteAsync(StreamingCheckRequest(27182, expectCompressed: true));
            try
            {
                // Half-close, so a server that does not check answers instead of waiting for more.
                await probe.RequestStream.CompleteAsync();
            }
            catch (Exception e) when (e is RpcException or InvalidOperationException)
            {
                // The server may already have refused the call; the status is checked below.
            }

            await Check.FailsWithAsync(() => probe.ResponseAsync, StatusCode.InvalidArgument, null,
                "StreamingInputCall probe (expect_compressed=true, sent uncompressed)");
        }

        using var call = client.StreamingInputCall(GzipRequests());
        await call.RequestStream.WriteAsync(StreamingCheckRequest(27182, expectCompressed: true));
        call.RequestStream.WriteOptions = new WriteOptions(WriteFlags.NoCompress);
        await call.RequestStream.WriteAsync(StreamingCheckRequest(45904, expectCompressed: false));
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Check.Equal(27182 + 45904, response.AggregatedPayloadSize, "StreamingInputCall aggregated_payload_size");
    }

    public static async Task ServerCompressedUnaryAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);
        foreach (var compressed in new[] { true, false })
        {
            var request = UnaryCases.LargeRequest();
            request.ResponseCompressed = new BoolValue { Value = compressed };
            var before = ChannelFactory.Gzip.Decompressed;
            using var call = client.UnaryCallAsync(request);
            var response = await call;
            Check.ZeroPayload(response.Payload, UnaryCases.LargeResponseSize, $"UnaryCall response (response_compressed={Flag(compressed)})");
            CheckCompressed(compressed, ChannelFactory.Gzip.Decompressed - before, $"UnaryCall response (response_compressed={Flag(compressed)})");
        }
    }

    public static async Task ServerCompressedStreamingAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);
        (int Size, bool Compressed)[] expected = [(31415, true), (92653, false)];
        var request = new StreamingOutputCallRequest();
        foreach (var (size, compressed) in expected)
        {
            request.ResponseParameters.Add(new ResponseParameters { Size = size, Compressed = new BoolValue { Value = compressed } });
        }

        using var call = client.StreamingOutputCall(request);
        for (var i = 0; i < expected.Length; i++)
        {
            var what = $"StreamingOutputCall response #{i + 1} (compressed={Flag(expected[i].Compressed)})";
            var before = ChannelFactory.Gzip.Decompressed;
            Check.That(await call.ResponseStream.MoveNext(), $"StreamingOutputCall: the response stream ended after {i} responses");
            Check.ZeroPayload(call.ResponseStream.Current.Payload, expected[i].Size, what);
            CheckCompressed(expected[i].Compressed, ChannelFactory.Gzip.Decompressed - before, what);
        }

        Check.That(!await call.ResponseStream.MoveNext(), $"StreamingOutputCall: expected exactly {expected.Length} responses, got more");
    }

    private static void CheckCompressed(bool expected, int decompressed, string what) =>
        Check.That(decompressed == (expected ? 1 : 0),
            $"{what}: expected the message {(expected ? "compressed" : "uncompressed")}, but it arrived {(decompressed > 0 ? "compressed" : "uncompressed")}");

    private static string Flag(bool value) => value ? "true" : "false";

    private static Metadata GzipRequests() => new() { { EncodingRequestKey, "gzip" } };

    private static SimpleRequest CompressedCheckRequest(bool expectCompressed)
    {
        var request = UnaryCases.LargeRequest();
        request.ExpectCompressed = new BoolValue { Value = expectCompressed };
        return request;
    }

    private static StreamingInputCallRequest StreamingCheckRequest(int size, bool expectCompressed) => new()
    {
        Payload = Payloads.Zeros(size),
        ExpectCompressed = new BoolValue { Value = expectCompressed },
    };
}
