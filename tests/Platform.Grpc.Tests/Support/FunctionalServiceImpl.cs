using Google.Protobuf;
using Platform.Grpc.Server;
using Platform.Grpc.Tests.Functional;

namespace Platform.Grpc.Tests.Support;

internal sealed class FunctionalServiceImpl(CallLog log) : FunctionalService.FunctionalServiceBase
{
    public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context)
    {
        var reply = new EchoReply { Text = request.Text, Blob = request.Blob, ConnectionId = context.HttpContext.Connection.Id };
        foreach (var entry in context.RequestHeaders)
        {
            reply.Metadata[entry.Key] = entry.IsBinary ? Convert.ToHexString(entry.ValueBytes!) : entry.Value!;
        }

        return Task.FromResult(reply);
    }

    public override Task<EchoReply> Fail(EchoRequest request, ServerCallContext context) =>
        throw new InvalidOperationException(request.Text);

    public override async Task<EchoReply> Sleep(SleepRequest request, ServerCallContext context)
    {
        var outcome = log.SleepOutcome(request.Key);
        try
        {
            await Task.Delay(request.DurationMs, context.CancellationToken);
            outcome.TrySetResult(false);
        }
        catch (OperationCanceledException)
        {
            outcome.TrySetResult(true);
            throw;
        }

        return new EchoReply { Text = "slept", ConnectionId = context.HttpContext.Connection.Id };
    }

    public override Task<EchoReply> Flaky(FlakyRequest request, ServerCallContext context) => FlakyCore(request);

    public override Task<EchoReply> FlakyUnsafe(FlakyRequest request, ServerCallContext context) => FlakyCore(request);

    public override async Task Chat(IAsyncStreamReader<EchoRequest> requestStream, IAsyncStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            await responseStream.WriteAsync(new EchoReply
            {
                Text = requestStream.Current.Text,
                ConnectionId = context.HttpContext.Connection.Id,
            }, context.CancellationToken);
        }
    }

    private Task<EchoReply> FlakyCore(FlakyRequest request)
    {
        var attempt = log.Attempts.AddOrUpdate(request.Key, 1, (_, n) => n + 1);
        if (attempt <= request.Failures)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"attempt {attempt} fails on purpose"));
        }

        return Task.FromResult(new EchoReply { Text = $"succeeded on attempt {attempt}", Blob = ByteString.Empty });
    }
}
