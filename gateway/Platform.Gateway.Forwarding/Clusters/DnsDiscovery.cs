using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Gateway.Forwarding.Routing;

namespace Platform.Gateway.Forwarding.Clusters;

/// <summary>
/// For clusters with DnsDiscovery, resolves each configured destination's host to every address it has and
/// balances over them (a Kubernetes headless Service lists one address per ready pod). A failed lookup keeps
/// the addresses already known rather than emptying the cluster.
/// </summary>
public sealed partial class DnsDiscovery : BackgroundService
{
    private readonly GatewayConfiguration _configuration;
    private readonly TimeProvider _time;
    private readonly ILogger<DnsDiscovery> _logger;
    private readonly SemaphoreSlim _changed = new(0);

    public DnsDiscovery(GatewayConfiguration configuration, TimeProvider time, ILogger<DnsDiscovery> logger)
    {
        _configuration = configuration;
        _time = time;
        _logger = logger;
        _configuration.Changed += _ => _changed.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastRefresh = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow().UtcTicks;
            foreach (var cluster in _configuration.Current.Clusters.Values.Where(c => c.Options.DnsDiscovery))
            {
                var resolvedAlready = cluster.Destinations.Any(d => d.Name.Contains('/', StringComparison.Ordinal));
                if (resolvedAlready && lastRefresh.TryGetValue(cluster.Name, out var last) && now - last < cluster.Options.DnsRefreshInterval.Ticks)
                {
                    continue;
                }

                lastRefresh[cluster.Name] = now;
                await RefreshAsync(cluster, stoppingToken);
            }

            // Wake on a configuration change, or look again in a second for clusters whose interval is up.
            await _changed.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RefreshAsync(Cluster cluster, CancellationToken stoppingToken)
    {
        var current = cluster.Destinations.ToDictionary(d => d.Address);
        var next = ImmutableArray.CreateBuilder<Destination>();
        foreach (var (name, configured) in cluster.Options.Destinations)
        {
            var template = new Uri(configured.Address);
            IPAddress[] addresses;
            try
            {
                addresses = IPAddress.TryParse(template.Host, out var literal)
                    ? [literal]
                    : await Dns.GetHostAddressesAsync(template.Host, stoppingToken);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                LogLookupFailed(_logger, cluster.Name, template.Host, e.Message);
                next.AddRange(cluster.Destinations.Where(d => d.Name.StartsWith(name + "/", StringComparison.Ordinal) || d.Name == name));
                continue;
            }

            foreach (var address in addresses)
            {
                var uri = new UriBuilder(template) { Host = address.ToString() }.Uri;
                next.Add(current.GetValueOrDefault(uri) ?? new Destination($"{name}/{address}", uri));
            }
        }

        var result = next.ToImmutable();
        if (!result.SequenceEqual(cluster.Destinations))
        {
            cluster.ReplaceDestinations(result);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                var addresses = string.Join(", ", result.Select(d => d.Address.Authority));
                LogResolved(_logger, cluster.Name, addresses);
            }
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Cluster}: destinations from DNS: {Addresses}")]
    private static partial void LogResolved(ILogger logger, string cluster, string addresses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {Cluster}: looking up {Host} failed, keeping the known addresses: {Problem}")]
    private static partial void LogLookupFailed(ILogger logger, string cluster, string host, string problem);
}
