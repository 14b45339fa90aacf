using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Platform.Gateway.Proxy;

/// <summary>
/// YARP's DNS resolver turns each destination host into one destination per address (a headless Kubernetes
/// Service: one per pod). Alone it fails the whole configuration when a name does not resolve — and a headless
/// Service has no addresses until its first pod is ready, so the gateway could not start before the services.
/// This keeps such a destination unresolved (calls to it fail over or report UNAVAILABLE) and asks again soon.
/// </summary>
public sealed partial class TolerantDnsResolver(IDestinationResolver dns, ILogger<TolerantDnsResolver> logger) : IDestinationResolver
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        var failed = false;
        IChangeToken? refresh = null;
        foreach (var (name, destination) in destinations)
        {
            try
            {
                var one = await dns.ResolveDestinationsAsync(new Dictionary<string, DestinationConfig> { [name] = destination }, cancellationToken);
                foreach (var (resolvedName, config) in one.Destinations)
                {
                    resolved[resolvedName] = config;
                }

                refresh ??= one.ChangeToken;
            }
            catch (InvalidOperationException e)
            {
                LogUnresolved(logger, name, destination.Address, e.InnerException?.Message ?? e.Message);
                resolved[name] = destination;
                failed = true;
            }
        }

        if (failed)
        {
            refresh = new CancellationChangeToken(new CancellationTokenSource(RetryAfterFailure).Token);
        }

        return new ResolvedDestinationCollection(resolved, refresh);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Destination {Destination} ({Address}) does not resolve yet: {Problem}; kept as is and asked again in 5 s")]
    private static partial void LogUnresolved(ILogger logger, string destination, string address, string problem);
}
