using Platform.Contracts;
using Platform.Gateway.Security;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Gateway.Proxy;

/// <summary>Options of the "Gateway:DnsDestinations" section.</summary>
public sealed class DnsDestinationsOptions
{
    /// <summary>Resolve every destination host name to one destination per address (for headless Kubernetes Services).</summary>
    public bool Enabled { get; set; }

    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(30);
}

public static class GatewayProxyExtensions
{
    /// <summary>
    /// YARP with routes and clusters from the "ReverseProxy" section (reloaded on change; a broken change is refused
    /// and logged by <see cref="ProxyConfigLog"/>), the caller identity set by the gateway only, and — when
    /// Gateway:DnsDestinations:Enabled — DNS resolution of destinations.
    /// </summary>
    public static IServiceCollection AddGatewayProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var proxy = services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<RouteClusterCheck>()
            .AddTransforms(transforms => transforms.AddRequestTransform(SetCallerIdentity));
        services.AddSingleton<IConfigChangeListener, ProxyConfigLog>();

        var dns = configuration.GetSection("Gateway:DnsDestinations").Get<DnsDestinationsOptions>() ?? new DnsDestinationsOptions();
        if (dns.Enabled)
        {
            proxy.AddDnsDestinationResolver(o => o.RefreshPeriod = dns.RefreshPeriod);
            var yarpResolver = services.Last(s => s.ServiceType == typeof(IDestinationResolver));
            services.Remove(yarpResolver);
            services.AddSingleton<IDestinationResolver>(provider => new TolerantDnsResolver(
                (IDestinationResolver)ActivatorUtilities.CreateInstance(provider, yarpResolver.ImplementationType!),
                provider.GetRequiredService<ILogger<TolerantDnsResolver>>()));
        }

        return services;
    }

    /// <summary>
    /// The proxy pipeline: errors in the caller's protocol, who may call what (and where a JSON call goes), a
    /// second destination when the first refuses the connection, then YARP's balancing and passive health.
    /// </summary>
    public static void MapGatewayProxy(this IEndpointRouteBuilder endpoints) => endpoints.MapReverseProxy(pipeline =>
    {
        pipeline.UseMiddleware<ProxyErrorsMiddleware>();
        pipeline.UseMiddleware<MethodAccessMiddleware>();
        pipeline.UseMiddleware<JsonBodyBufferingMiddleware>();
        pipeline.UseMiddleware<ConnectRetryMiddleware>();
        pipeline.UseSessionAffinity();
        pipeline.UseLoadBalancing();
        pipeline.UsePassiveHealthChecks();
    });

    /// <summary>The services trust the identity headers: whatever a caller sent under those names is dropped.</summary>
    private static ValueTask SetCallerIdentity(RequestTransformContext transform)
    {
        var headers = transform.ProxyRequest.Headers;
        headers.Remove(CallerMetadata.Identity);
        headers.Remove(CallerMetadata.Roles);
        var caller = transform.HttpContext.Features.Get<CallerFeature>()?.Caller ?? Caller.Nobody;
        foreach (var (name, value) in AccessPolicy.IdentityHeaders(caller))
        {
            headers.TryAddWithoutValidation(name, value);
        }

        return ValueTask.CompletedTask;
    }
}
