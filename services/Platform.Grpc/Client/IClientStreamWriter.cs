namespace Platform.Grpc.Client;

/// <summary>The request stream of a client-streaming or duplex call.</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Tells the server no more messages follow (half-close).</summary>
    Task CompleteAsync();
}
