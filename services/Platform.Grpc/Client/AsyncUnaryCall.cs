using System.Runtime.CompilerServices;

namespace Platform.Grpc.Client;

/// <summary>A unary call in flight. Await it for the response; a non-OK status throws <see cref="RpcException"/>.</summary>
public sealed class AsyncUnaryCall<TResponse>(Task<TResponse> responseAsync, IClientCallState state) : IDisposable
{
    public Task<TResponse> ResponseAsync { get; } = responseAsync;

    public Task<Metadata> ResponseHeadersAsync => state.ResponseHeadersAsync;

    public Status GetStatus() => state.GetStatus();

    public Metadata GetTrailers() => state.GetTrailers();

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>Cancels the call if it is still running.</summary>
    public void Dispose() => state.Dispose();
}
