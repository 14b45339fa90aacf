using System.Runtime.CompilerServices;

namespace Platform.Grpc.Client;

/// <summary>A client-streaming call: write the requests, complete the stream, then await the response.</summary>
public sealed class AsyncClientStreamingCall<TRequest, TResponse>(
    IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, IClientCallState state) : IDisposable
{
    public IClientStreamWriter<TRequest> RequestStream { get; } = requestStream;

    public Task<TResponse> ResponseAsync { get; } = responseAsync;

    public Task<Metadata> ResponseHeadersAsync => state.ResponseHeadersAsync;

    public Status GetStatus() => state.GetStatus();

    public Metadata GetTrailers() => state.GetTrailers();

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    public void Dispose() => state.Dispose();
}
