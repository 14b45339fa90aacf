namespace Platform.Grpc.Server;

/// <summary>
/// Runs around every call the server handles, whatever its shape: logging, authentication, metrics.
/// Call <paramref name="continuation"/> to continue; throw <see cref="RpcException"/> to end the call with a status.
/// </summary>
public interface IServerInterceptor
{
    Task InterceptAsync(ServerCallContext context, Func<ServerCallContext, Task> continuation);
}
