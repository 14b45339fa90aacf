using System.Collections.Concurrent;
using Grpc.Core;

namespace Platform.ServiceDefaults.Tests.Grpc;

/// <summary>What a Sleep handler saw, for assertions from the test side.</summary>
internal sealed class SleepObservation
{
    /// <summary>Completes when the handler starts, with the <see cref="ServerCallContext.Deadline"/> it was given.</summary>
    public TaskCompletionSource<DateTime> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the wait ends: true if the call's cancellation token cut it short.</summary>
    public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The Sleep calls the test service has seen, by key.</summary>
internal sealed class CallLog
{
    private readonly ConcurrentDictionary<string, SleepObservation> _sleeps = new();

    private int _echoes;

    public int Echoes => Volatile.Read(ref _echoes);

    public SleepObservation Sleep(string key) => _sleeps.GetOrAdd(key, _ => new SleepObservation());

    public void CountEcho() => Interlocked.Increment(ref _echoes);
}

internal sealed class FunctionalServiceImpl(CallLog log) : FunctionalService.FunctionalServiceBase
{
    public override Task<EchoReply> Echo(EchoRequest request, ServerCallContext context)
    {
        log.CountEcho();
        return Task.FromResult(new EchoReply { Text = request.Text, BlobLength = request.Blob.Length, Filter = request.Filter });
    }

    public override Task<EchoReply> Fail(EchoRequest request, ServerCallContext context) =>
        throw new InvalidOperationException(request.Text);

    public override Task<EchoReply> Refuse(RefuseRequest request, ServerCallContext context) =>
        throw new RpcException(new Status((StatusCode)request.Code, request.Message));

    public override async Task RefuseStream(RefuseRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        await responseStream.WriteAsync(new EchoReply { Text = "first" }, context.CancellationToken);
        throw new RpcException(new Status((StatusCode)request.Code, request.Message));
    }

    public override async Task<EchoReply> Sleep(SleepRequest request, ServerCallContext context)
    {
        var observation = log.Sleep(request.Key);
        observation.Started.TrySetResult(context.Deadline);
        try
        {
            await Task.Delay(request.DurationMs, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            observation.Cancelled.TrySetResult(true);
            throw;
        }

        observation.Cancelled.TrySetResult(false);
        return new EchoReply { Text = "slept" };
    }
}
