using Microsoft.Extensions.Logging;
using Platform.Grpc.Server;

namespace Platform.Grpc.Internal.Server;

/// <summary>What every call handler of one mapped service shares.</summary>
internal sealed class ServerMethodRuntime<TService>(
    GrpcServerOptions options,
    IReadOnlyList<IServerInterceptor> interceptors,
    ServiceActivator<TService> activator,
    ILogger logger,
    TimeProvider time)
    where TService : class
{
    public GrpcServerOptions Options { get; } = options;

    public IReadOnlyList<IServerInterceptor> Interceptors { get; } = interceptors;

    public ServiceActivator<TService> Activator { get; } = activator;

    public ILogger Logger { get; } = logger;

    public TimeProvider Time { get; } = time;
}
