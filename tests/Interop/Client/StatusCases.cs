using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;

namespace Platform.Interop.Client;

/// <summary>status_code_and_message, special_status_message.</summary>
internal static class StatusCases
{
    private const string TestMessage = "test status message";
    private const string SpecialMessage = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";

    public static async Task StatusCodeAndMessageAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);
        var echo = new EchoStatus { Code = (int)StatusCode.Unknown, Message = TestMessage };

        using (var unary = client.UnaryCallAsync(new SimpleRequest { ResponseStatus = echo }))
        {
            await Check.FailsWithAsync(() => unary.ResponseAsync, StatusCode.Unknown, TestMessage, "UnaryCall");
        }

        using var duplex = client.FullDuplexCall();
        await duplex.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = echo });
        await duplex.RequestStream.CompleteAsync();
        await Check.FailsWithAsync(() => duplex.ResponseStream.MoveNext(), StatusCode.Unknown, TestMessage, "FullDuplexCall");
    }

    public static async Task SpecialStatusMessageAsync(GrpcChannel channel)
    {
        var client = new TestService.TestServiceClient(channel);
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = (int)StatusCode.Unknown, Message = SpecialMessage } };
        using var call = client.UnaryCallAsync(request);
        await Check.FailsWithAsync(() => call.ResponseAsync, StatusCode.Unknown, SpecialMessage, "UnaryCall");
    }
}
