using Grpc.AspNetCore.Server;

namespace Platform.Interop.Server;

/// <summary>Registers gRPC the way <see cref="InteropTestService"/> needs it, for this server and for in-process hosts.</summary>
public static class InteropServiceCollectionExtensions
{
    /// <summary>
    /// AddGrpc with gzip: responses are gzip for every caller that accepts it (the service marks each response
    /// NoCompress unless the request asks for compression), and compressed requests are counted for expect_compressed.
    /// </summary>
    public static IServiceCollection AddInteropGrpc(this IServiceCollection services)
    {
        services.AddGrpc(grpc => grpc.ResponseCompressionAlgorithm = InteropTestService.Gzip);
        services.AddHttpContextAccessor();
        services.AddSingleton<CountingGzipProvider>();
        services.AddOptions<GrpcServiceOptions>()
            .Configure<CountingGzipProvider>((grpc, gzip) => grpc.CompressionProviders = [gzip]);
        return services;
    }
}
