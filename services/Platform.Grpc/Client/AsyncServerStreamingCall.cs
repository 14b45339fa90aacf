namespace Platform.Grpc.Client;

/// <summary>A server-streaming call: read <see cref="ResponseStream"/> to the end to get the status.</summary>
public sealed class AsyncServerStreamingCall<TResponse>(IAsyncStreamReader<TResponse> responseStream, IClientCallState state) : IDisposable
{
    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;

    public Task<Metadata> ResponseHeadersAsync => state.ResponseHeadersAsync;

    public Status GetStatus() => state.GetStatus();

    public Metadata GetTrailers() => state.GetTrailers();

    public void Dispose() => state.Dispose();
}
