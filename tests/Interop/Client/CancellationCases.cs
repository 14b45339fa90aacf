using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;

namespace Platform.Interop.Client;

/// <summary>timeout_on_sleeping_server, cancel_after_begin, cancel_after_first_response.</summary>
internal static class CancellationCases
{
    public static async Task TimeoutOnSleepingServerAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);
        using var call = client.FullDuplexCall(new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(1)));
        try
        {
            await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Payloads.Zeros(27182) });
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException)
        {
            // The deadline may pass before or during the write (Grpc.Net.Client then reports the call as
            // complete); the status is checked on the read below.
        }

        await Check.FailsWithAsync(() => call.ResponseStream.MoveNext(), StatusCode.DeadlineExceeded, null,
            "FullDuplexCall with a 1 ms deadline");
    }

    public static async Task CancelAfterBeginAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);
        using var cancellation = new CancellationTokenSource();
        using var call = client.StreamingInputCall(new CallOptions(cancellationToken: cancellation.Token));
        await cancellation.CancelAsync();
        await Check.FailsWithAsync(() => call.ResponseAsync, StatusCode.Cancelled, null,
            "StreamingInputCall cancelled before sending");
    }

    public static async Task CancelAfterFirstResponseAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);
        using var cancellation = new CancellationTokenSource();
        using var call = client.FullDuplexCall(new CallOptions(cancellationToken: cancellation.Token));
        await call.RequestStream.WriteAsync(Payloads.StreamingRequest(27182, 31415));
        Check.That(await call.ResponseStream.MoveNext(), "FullDuplexCall: the response stream ended before the first response");
        Check.ZeroPayload(call.ResponseStream.Current.Payload, 31415, "FullDuplexCall first response");
        await cancellation.CancelAsync();
        await Check.FailsWithAsync(() => call.ResponseStream.MoveNext(), StatusCode.Cancelled, null,
            "FullDuplexCall cancelled after the first response");
    }
}
