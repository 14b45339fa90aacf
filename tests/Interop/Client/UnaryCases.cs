using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;

namespace Platform.Interop.Client;

/// <summary>empty_unary, large_unary, unimplemented_method, unimplemented_service.</summary>
internal static class UnaryCases
{
    public const int LargeRequestSize = 271828;
    public const int LargeResponseSize = 314159;

    public static async Task EmptyUnaryAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);
        using var call = client.EmptyCallAsync(new Empty());
        var response = await call;
        Check.EmptyMessage(response, "EmptyCall response");
    }

    public static async Task LargeUnaryAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);
        using var call = client.UnaryCallAsync(LargeRequest());
        var response = await call;
        Check.ZeroPayload(response.Payload, LargeResponseSize, "UnaryCall response");
    }

    public static async Task UnimplementedMethodAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);
        using var call = client.UnimplementedCallAsync(new Empty());
        await Check.FailsWithAsync(() => call.ResponseAsync, StatusCode.Unimplemented, null,
            "grpc.testing.TestService/UnimplementedCall");
    }

    public static async Task UnimplementedServiceAsync(GrpcChannel channel)
    {
        var client = new UnimplementedService.UnimplementedServiceClient(channel);
        using var call = client.UnimplementedCallAsync(new Empty());
        await Check.FailsWithAsync(() => call.ResponseAsync, StatusCode.Unimplemented, null,
            "grpc.testing.UnimplementedService/UnimplementedCall");
    }

    public static SimpleRequest LargeRequest() => new()
    {
        ResponseSize = LargeResponseSize,
        Payload = Payloads.Zeros(LargeRequestSize),
    };
}
