namespace Platform.Grpc;

/// <summary>Reads a stream of messages, one at a time (never call MoveNext concurrently).</summary>
public interface IAsyncStreamReader<out T>
{
    T Current { get; }

    /// <summary>Advances to the next message; false when the peer has finished sending.</summary>
    Task<bool> MoveNext(CancellationToken cancellationToken = default);
}
