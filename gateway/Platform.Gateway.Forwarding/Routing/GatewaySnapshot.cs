using System.Collections.Frozen;
using Platform.Gateway.Forwarding.Clusters;
using Platform.Gateway.Forwarding.Configuration;

namespace Platform.Gateway.Forwarding.Routing;

/// <summary>A route, resolved against its cluster.</summary>
public sealed record GatewayRoute(string Name, RouteOptions Options, Cluster Cluster)
{
    /// <summary>The method's own settings, from the part of the path after the route's prefix.</summary>
    public MethodOptions? FindMethod(string path)
    {
        var method = path.Length > Options.PathPrefix.Length ? path[Options.PathPrefix.Length..] : "";
        return Options.Methods.GetValueOrDefault(method);
    }
}

/// <summary>
/// One consistent view of routes and clusters. A reload builds a new snapshot and swaps it in whole, so a
/// request never sees half of an old configuration and half of a new one.
/// </summary>
public sealed class GatewaySnapshot
{
    private readonly GatewayRoute[] _byLongestPrefix;

    public GatewaySnapshot(IReadOnlyDictionary<string, Cluster> clusters, IEnumerable<GatewayRoute> routes)
    {
        Clusters = clusters.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _byLongestPrefix = routes.OrderByDescending(r => r.Options.PathPrefix.Length).ToArray();
    }

    public FrozenDictionary<string, Cluster> Clusters { get; }

    public IReadOnlyList<GatewayRoute> Routes => _byLongestPrefix;

    public GatewayRoute? Match(string path)
    {
        foreach (var route in _byLongestPrefix)
        {
            if (path.StartsWith(route.Options.PathPrefix, StringComparison.Ordinal))
            {
                return route;
            }
        }

        return null;
    }
}
