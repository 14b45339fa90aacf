using System.Net;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Gateway.Forwarding.Clusters;
using Platform.Gateway.Forwarding.Forwarding;
using Platform.Gateway.Forwarding.Routing;

namespace Platform.Gateway.Forwarding.Health;

/// <summary>
/// Asks every destination grpc.health.v1.Health/Check on each cluster's interval. A destination that does not
/// answer SERVING in time gets no new calls until it does — including one that is draining for shutdown,
/// whose health turns NOT_SERVING before it stops accepting.
/// </summary>
public sealed partial class ActiveHealthProbe : BackgroundService
{
    private const string CheckPath = "/grpc.health.v1.Health/Check";

    private readonly GatewayConfiguration _configuration;
    private readonly BackendInvoker _backend;
    private readonly TimeProvider _time;
    private readonly ILogger<ActiveHealthProbe> _logger;
    private readonly ConditionalWeakTable<Destination, StrongBox<long>> _lastProbe = [];

    public ActiveHealthProbe(GatewayConfiguration configuration, BackendInvoker backend, TimeProvider time, ILogger<ActiveHealthProbe> logger)
    {
        _configuration = configuration;
        _backend = backend;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250), _time);
        do
        {
            var now = _time.GetUtcNow().UtcTicks;
            var due = new List<Task>();
            foreach (var cluster in _configuration.Current.Clusters.Values)
            {
                var options = cluster.Options.ActiveHealthCheck;
                if (!options.Enabled)
                {
                    continue;
                }

                foreach (var destination in cluster.Destinations)
                {
                    var last = _lastProbe.GetValue(destination, static _ => new StrongBox<long>(long.MinValue / 2));
                    // An unhealthy destination is asked again within a second, so it rejoins soon after it recovers.
                    var interval = destination.ProbeHealthy ? options.Interval : TimeSpan.FromTicks(Math.Min(options.Interval.Ticks, TimeSpan.TicksPerSecond));
                    if (now - last.Value < interval.Ticks)
                    {
                        continue;
                    }

                    last.Value = now;
                    due.Add(ProbeAsync(cluster, destination, stoppingToken));
                }
            }

            await Task.WhenAll(due);
        }
        while (await tick.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task ProbeAsync(Cluster cluster, Destination destination, CancellationToken stoppingToken)
    {
        var options = cluster.Options.ActiveHealthCheck;
        string? problem = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(options.Timeout);
            problem = await CheckAsync(destination.Address, options.Service, timeout.Token);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or InvalidDataException or InvalidProtocolBufferException)
        {
            problem = e is OperationCanceledException ? $"no answer within {options.Timeout}" : e.Message;
        }

        if (destination.SetProbeResult(problem is null))
        {
            if (problem is null)
            {
                LogHealthy(_logger, cluster.Name, destination.Address);
            }
            else
            {
                LogUnhealthy(_logger, cluster.Name, destination.Address, problem);
            }
        }
    }

    /// <summary>Returns null when the destination answers SERVING, else why not.</summary>
    private async Task<string?> CheckAsync(Uri address, string service, CancellationToken cancellationToken)
    {
        var request = new HealthCheckRequestMessage(service);
        using var outgoing = new HttpRequestMessage(HttpMethod.Post, new Uri(address, CheckPath))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(request.Frame()),
        };
        outgoing.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
        outgoing.Headers.TryAddWithoutValidation("TE", "trailers");
        using var response = await _backend.Invoker.SendAsync(outgoing, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = response.Headers.TryGetValues("grpc-status", out var early) ? early.FirstOrDefault()
            : response.TrailingHeaders.TryGetValues("grpc-status", out var late) ? late.FirstOrDefault() : null;
        if (response.StatusCode != HttpStatusCode.OK || status != "0")
        {
            return $"health check answered HTTP {(int)response.StatusCode}, grpc-status {status ?? "(none)"}";
        }

        var messages = GrpcFrames.Split(body);
        var serving = messages.Count == 1 && HealthCheckRequestMessage.ReadServingStatus(messages[0].Span) == 1;
        return serving ? null : "health check answered NOT_SERVING";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster {Cluster}: destination {Address} is healthy")]
    private static partial void LogHealthy(ILogger logger, string cluster, Uri address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster {Cluster}: destination {Address} is unhealthy: {Problem}")]
    private static partial void LogUnhealthy(ILogger logger, string cluster, Uri address, string problem);
}
