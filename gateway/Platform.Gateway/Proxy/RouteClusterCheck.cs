using Yarp.ReverseProxy.Configuration;

namespace Platform.Gateway.Proxy;

/// <summary>
/// YARP accepts a route whose cluster does not exist and answers its calls with 503. A route to nowhere is a
/// typo, so the gateway refuses the configuration instead: at start-up it does not start, on reload the running
/// routes are kept (see <see cref="ProxyConfigLog"/>).
/// </summary>
public sealed class RouteClusterCheck : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => ValueTask.FromResult(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) => cluster is null
        ? throw new InvalidOperationException($"ReverseProxy:Routes:{route.RouteId}:ClusterId '{route.ClusterId}' is not a configured cluster.")
        : ValueTask.FromResult(route);
}
