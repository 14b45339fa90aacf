using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Forwarding.Clusters;
using Platform.Gateway.Forwarding.Configuration;
using Platform.Gateway.Forwarding.Forwarding;
using Platform.Gateway.Forwarding.Health;
using Platform.Gateway.Forwarding.Routing;

namespace Platform.Gateway.Forwarding;

public static class ForwardingServiceCollectionExtensions
{
    /// <summary>Routes and clusters from the "Gateway" section, the forwarder, health probes and DNS discovery.</summary>
    public static IServiceCollection AddGatewayForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GatewayOptions>(configuration.GetSection(GatewayOptions.SectionName));
        services.AddSingleton(TimeProvider.System);
        // Read once: the connection pools are built at start-up.
        var connections = configuration.GetValue("Gateway:ConnectionsPerDestination", 4);
        services.AddSingleton(_ => new BackendInvoker(connections));
        services.AddSingleton<GatewayConfiguration>();
        services.AddSingleton<HttpForwarder>();
        services.AddSingleton<UnaryBackendClient>();
        services.AddHostedService<ActiveHealthProbe>();
        services.AddHostedService<DnsDiscovery>();
        return services;
    }
}
