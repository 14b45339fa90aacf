using Microsoft.Extensions.DependencyInjection;
using Platform.Documents.V1;
using Platform.Entities.V1;
using Platform.Predictions.V1;

namespace Platform.Client;

public static class PlatformClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers the three typed clients with the gRPC client factory, each through the gateway with the caller's
    /// credentials, the default deadline and retries for idempotent methods: inject
    /// <c>DocumentService.DocumentServiceClient</c>, <c>EntityService.EntityServiceClient</c> or
    /// <c>PredictionService.PredictionServiceClient</c> where they are needed.
    /// </summary>
    public static IServiceCollection AddPlatformClient(this IServiceCollection services, PlatformClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Add<DocumentService.DocumentServiceClient>(services, options);
        Add<EntityService.EntityServiceClient>(services, options);
        Add<PredictionService.PredictionServiceClient>(services, options);
        return services;
    }

    private static void Add<TClient>(IServiceCollection services, PlatformClientOptions options)
        where TClient : class =>
        services.AddGrpcClient<TClient>(o =>
            {
                o.Address = options.Gateway;
                o.InterceptorRegistrations.Add(new(Grpc.Net.ClientFactory.InterceptorScope.Channel, _ => new CredentialsInterceptor(options)));
            })
            .ConfigureChannel(c =>
            {
                var configured = PlatformClient.ChannelOptions(options);
                c.MaxReceiveMessageSize = configured.MaxReceiveMessageSize;
                c.MaxSendMessageSize = configured.MaxSendMessageSize;
                c.ServiceConfig = configured.ServiceConfig;
            });
}
