using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;

namespace Platform.Interop.Client;

/// <summary>custom_metadata: the server echoes one header as initial metadata and one binary header as trailing metadata.</summary>
internal static class MetadataCases
{
    private const string InitialKey = "x-grpc-test-echo-initial";
    private const string InitialValue = "test_initial_metadata_value";
    private const string TrailingKey = "x-grpc-test-echo-trailing-bin";
    private static readonly byte[] TrailingValue = [0xab, 0xab, 0xab];

    public static async Task CustomMetadataAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);

        using (var unary = client.UnaryCallAsync(UnaryCases.LargeRequest(), new CallOptions(headers: RequestMetadata())))
        {
            var response = await unary;
            Check.ZeroPayload(response.Payload, UnaryCases.LargeResponseSize, "UnaryCall response");
            Validate(await unary.ResponseHeadersAsync, unary.GetTrailers(), "UnaryCall");
        }

        using var duplex = client.FullDuplexCall(new CallOptions(headers: RequestMetadata()));
        await duplex.RequestStream.WriteAsync(Payloads.StreamingRequest(UnaryCases.LargeRequestSize, UnaryCases.LargeResponseSize));
        var headers = await duplex.ResponseHeadersAsync;
        Check.That(await duplex.ResponseStream.MoveNext(), "FullDuplexCall: the response stream ended without a response");
        Check.ZeroPayload(duplex.ResponseStream.Current.Payload, UnaryCases.LargeResponseSize, "FullDuplexCall response");
        await duplex.RequestStream.CompleteAsync();
        Check.That(!await duplex.ResponseStream.MoveNext(), "FullDuplexCall: expected exactly one response, got a second");
        Validate(headers, duplex.GetTrailers(), "FullDuplexCall");
    }

    private static Metadata RequestMetadata() => new()
    {
        { InitialKey, InitialValue },
        { TrailingKey, TrailingValue },
    };

    private static void Validate(Metadata headers, Metadata trailers, string what)
    {
        var initial = headers.Where(e => e.Key == InitialKey).ToList();
        Check.Equal(1, initial.Count, $"{what}: number of '{InitialKey}' entries in the initial metadata");
        Check.Equal(InitialValue, initial[0].Value, $"{what}: initial metadata '{InitialKey}'");

        var trailing = trailers.Where(e => e.Key == TrailingKey).ToList();
        Check.Equal(1, trailing.Count, $"{what}: number of '{TrailingKey}' entries in the trailing metadata");
        Check.That(trailing[0].IsBinary, $"{what}: trailing metadata '{TrailingKey}' should be binary, got text");
        var actual = trailing[0].ValueBytes;
        Check.That(actual.AsSpan().SequenceEqual(TrailingValue),
            $"{what}: trailing metadata '{TrailingKey}': expected {Convert.ToHexString(TrailingValue)}, got {Convert.ToHexString(actual)}");
    }
}
