namespace Platform.Grpc.Client;

/// <summary>A bidirectional call: both streams are independent and may be used concurrently.</summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse>(
    IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, IClientCallState state) : IDisposable
{
    public IClientStreamWriter<TRequest> RequestStream { get; } = requestStream;

    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;

    public Task<Metadata> ResponseHeadersAsync => state.ResponseHeadersAsync;

    public Status GetStatus() => state.GetStatus();

    public Metadata GetTrailers() => state.GetTrailers();

    public void Dispose() => state.Dispose();
}
