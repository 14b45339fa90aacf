using System.Collections.Concurrent;

namespace Platform.Grpc.Tests.Support;

/// <summary>What the test service observed, for assertions from the test side.</summary>
internal sealed class CallLog
{
    public ConcurrentDictionary<string, int> Attempts { get; } = new();

    public ConcurrentDictionary<string, TaskCompletionSource<bool>> SleepEnded { get; } = new();

    public TaskCompletionSource<bool> SleepOutcome(string key) =>
        SleepEnded.GetOrAdd(key, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
}
