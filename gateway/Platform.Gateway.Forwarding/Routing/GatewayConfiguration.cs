using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Gateway.Forwarding.Clusters;
using Platform.Gateway.Forwarding.Configuration;

namespace Platform.Gateway.Forwarding.Routing;

/// <summary>
/// Holds the current <see cref="GatewaySnapshot"/> and rebuilds it when the "Gateway" section changes.
/// A configuration with a mistake stops start-up with a message naming it; the same mistake in a reload
/// is logged and the running configuration is kept.
/// </summary>
public sealed partial class GatewayConfiguration : IDisposable
{
    public static readonly IReadOnlySet<string> Roles = new HashSet<string>(StringComparer.Ordinal) { "reader", "contributor", "resolver", "admin" };

    private readonly ILogger<GatewayConfiguration> _logger;
    private readonly IDisposable? _subscription;
    private readonly Lock _gate = new();
    private volatile GatewaySnapshot _current;

    public GatewayConfiguration(IOptionsMonitor<GatewayOptions> options, ILogger<GatewayConfiguration> logger)
    {
        _logger = logger;
        _current = Build(options.CurrentValue, previous: null);
        _subscription = options.OnChange(Reload);
    }

    public GatewaySnapshot Current => _current;

    /// <summary>Raised after a new snapshot is in place (DNS discovery and health probes re-read it).</summary>
    public event Action<GatewaySnapshot>? Changed;

    private void Reload(GatewayOptions options)
    {
        GatewaySnapshot next;
        lock (_gate)
        {
            try
            {
                next = Build(options, _current);
            }
            catch (InvalidOperationException e)
            {
                LogReloadRejected(_logger, e.Message);
                return;
            }

            _current = next;
        }

        LogReloaded(_logger, next.Routes.Count, next.Clusters.Count);
        Changed?.Invoke(next);
    }

    /// <summary>Builds a snapshot, keeping the state (health, ejection, load) of every destination whose address stays.</summary>
    public static GatewaySnapshot Build(GatewayOptions options, GatewaySnapshot? previous)
    {
        var known = previous?.Clusters.Values
            .SelectMany(c => c.Destinations)
            .GroupBy(d => (d.Name, d.Address))
            .ToDictionary(g => g.Key, g => g.First()) ?? [];

        var clusters = new Dictionary<string, Cluster>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, cluster) in options.Clusters)
        {
            var destinations = ImmutableArray.CreateBuilder<Destination>();
            foreach (var (destinationName, destination) in cluster.Destinations)
            {
                if (!Uri.TryCreate(destination.Address, UriKind.Absolute, out var address)
                    || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
                {
                    throw new InvalidOperationException(
                        $"Gateway:Clusters:{name}:Destinations:{destinationName}:Address '{destination.Address}' is not an absolute http:// or https:// address.");
                }

                var key = (destinationName, address);
                destinations.Add(known.GetValueOrDefault(key) ?? new Destination(destinationName, address));
            }

            if (cluster.PassiveHealthCheck.ConsecutiveFailures < 1)
            {
                throw new InvalidOperationException($"Gateway:Clusters:{name}:PassiveHealthCheck:ConsecutiveFailures must be at least 1.");
            }

            if (cluster.ActiveHealthCheck.Interval <= TimeSpan.Zero || cluster.ActiveHealthCheck.Timeout <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"Gateway:Clusters:{name}:ActiveHealthCheck Interval and Timeout must be positive.");
            }

            clusters[name] = new Cluster(name, cluster, destinations.ToImmutable());
        }

        var routes = new List<GatewayRoute>();
        foreach (var (name, route) in options.Routes)
        {
            if (!route.PathPrefix.StartsWith('/'))
            {
                throw new InvalidOperationException($"Gateway:Routes:{name}:PathPrefix '{route.PathPrefix}' must start with '/'.");
            }

            if (!clusters.TryGetValue(route.Cluster, out var target))
            {
                throw new InvalidOperationException($"Gateway:Routes:{name}:Cluster '{route.Cluster}' is not a configured cluster.");
            }

            if (route.Timeout is { } timeout && timeout <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"Gateway:Routes:{name}:Timeout must be positive.");
            }

            CheckRole(route.DefaultRole, $"Gateway:Routes:{name}:DefaultRole");
            foreach (var (method, settings) in route.Methods)
            {
                if (settings.Role is { } role)
                {
                    CheckRole(role, $"Gateway:Routes:{name}:Methods:{method}:Role");
                }
            }

            routes.Add(new GatewayRoute(name, route, target));
        }

        return new GatewaySnapshot(clusters, routes);
    }

    private static void CheckRole(string role, string key)
    {
        if (!Roles.Contains(role))
        {
            throw new InvalidOperationException($"{key} '{role}' is not a role (reader, contributor, resolver, admin).");
        }
    }

    public void Dispose() => _subscription?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway configuration reloaded: {Routes} routes, {Clusters} clusters")]
    private static partial void LogReloaded(ILogger logger, int routes, int clusters);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gateway configuration change rejected, the running configuration is kept: {Problem}")]
    private static partial void LogReloadRejected(ILogger logger, string problem);
}
