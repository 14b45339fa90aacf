namespace Platform.Grpc;

/// <summary>Writes a stream of messages, one at a time (await each write before the next).</summary>
public interface IAsyncStreamWriter<in T>
{
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
