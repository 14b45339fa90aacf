using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;

namespace Platform.Interop.Client;

/// <summary>client_streaming, server_streaming, ping_pong, empty_stream.</summary>
internal static class StreamingCases
{
    private static readonly int[] RequestSizes = [27182, 8, 1828, 45904];
    private static readonly int[] ResponseSizes = [31415, 9, 2653, 58979];

    public static async Task ClientStreamingAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);
        using var call = client.StreamingInputCall();
        foreach (var size in RequestSizes)
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Payloads.Zeros(size) });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        Check.Equal(RequestSizes.Sum(), response.AggregatedPayloadSize, "StreamingInputCall aggregated_payload_size");
    }

    public static async Task ServerStreamingAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);
        var request = new StreamingOutputCallRequest();
        foreach (var size in ResponseSizes)
        {
            request.ResponseParameters.Add(new ResponseParameters { Size = size });
        }

        using var call = client.StreamingOutputCall(request);
        var count = 0;
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            Check.That(count < ResponseSizes.Length,
                $"StreamingOutputCall: expected exactly {ResponseSizes.Length} responses, got a response #{count + 1}");
            Check.ZeroPayload(response.Payload, ResponseSizes[count], $"StreamingOutputCall response #{count + 1}");
            count++;
        }

        Check.Equal(ResponseSizes.Length, count, "StreamingOutputCall number of responses");
    }

    public static async Task PingPongAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);
        using var call = client.FullDuplexCall();
        for (var i = 0; i < RequestSizes.Length; i++)
        {
            await call.RequestStream.WriteAsync(Payloads.StreamingRequest(RequestSizes[i], ResponseSizes[i]));
            Check.That(await call.ResponseStream.MoveNext(),
                $"FullDuplexCall: the response stream ended after {i} responses; expected a response to request #{i + 1}");
            Check.ZeroPayload(call.ResponseStream.Current.Payload, ResponseSizes[i], $"FullDuplexCall response #{i + 1}");
        }

        await call.RequestStream.CompleteAsync();
        Check.That(!await call.ResponseStream.MoveNext(),
            $"FullDuplexCall: expected exactly {RequestSizes.Length} responses, got a response #{RequestSizes.Length + 1} after half-close");
    }

    public static async Task EmptyStreamAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);
        using var call = client.FullDuplexCall();
        await call.RequestStream.CompleteAsync();
        Check.That(!await call.ResponseStream.MoveNext(), "FullDuplexCall: expected zero responses, got one");
        Check.Equal(StatusCode.OK, call.GetStatus().StatusCode, "FullDuplexCall status");
    }
}
