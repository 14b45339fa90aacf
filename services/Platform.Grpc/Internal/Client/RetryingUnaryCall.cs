using Google.Protobuf;
using Platform.Grpc.Client;

namespace Platform.Grpc.Internal.Client;

/// <summary>
/// A unary call to an idempotent method, attempted again after a retryable status (UNAVAILABLE by default)
/// with jittered exponential backoff, within the call's deadline. Headers, status and trailers are the
/// last attempt's.
/// </summary>
internal sealed class RetryingUnaryCall<TRequest, TResponse>(
    GrpcChannel channel, Method<TRequest, TResponse> method, TRequest request, CallOptions options, RetryPolicy policy)
    : IClientCallState
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _disposed = new();
    private GrpcCall<TRequest, TResponse>? _current;

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    public async Task<TResponse> RunAsync()
    {
        var deadline = options.Deadline ?? (channel.Options.DefaultTimeout is { } t ? DateTime.UtcNow + t : null);
        var attemptOptions = options with { Deadline = deadline };
        for (var attempt = 1; ; attempt++)
        {
            var call = new GrpcCall<TRequest, TResponse>(channel, method, attemptOptions);
            _current = call;
            if (_disposed.IsCancellationRequested)
            {
                call.Dispose();
            }

            call.Start(request);
            try
            {
                var response = await call.GetResponseAsync();
                _headers.TrySetResult(await call.ResponseHeadersAsync);
                return response;
            }
            catch (RpcException e) when (attempt < policy.MaxAttempts
                && policy.RetryableStatusCodes.Contains(e.StatusCode)
                && !options.CancellationToken.IsCancellationRequested
                && !_disposed.IsCancellationRequested)
            {
                var delay = policy.DelayBefore(attempt + 1);
                if (deadline is { } d && DateTime.UtcNow + delay >= d)
                {
                    Finish(call);
                    throw;
                }

                await Task.Delay(delay, channel.Options.TimeProvider, CancellationToken.None);
            }
            catch (RpcException)
            {
                Finish(call);
                throw;
            }
        }
    }

    public Status GetStatus() => (_current ?? throw new InvalidOperationException("The call has not started.")).GetStatus();

    public Metadata GetTrailers() => (_current ?? throw new InvalidOperationException("The call has not started.")).GetTrailers();

    public void Dispose()
    {
        _disposed.Cancel();
        _current?.Dispose();
    }

    private void Finish(GrpcCall<TRequest, TResponse> call)
    {
        if (call.ResponseHeadersAsync.IsCompletedSuccessfully)
        {
            _headers.TrySetResult(call.ResponseHeadersAsync.Result);
        }
        else
        {
            _headers.TrySetException(new RpcException(call.GetStatus(), call.GetTrailers()));
        }
    }
}
