using System.Net.Http;
using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Proxy;

/// <summary>
/// Sends a call to another destination when the chosen one refused the connection (or its name did not resolve).
/// Nothing reached the backend, so this is safe for every method, idempotent or not. It covers the seconds between
/// a replica dying and the health checks ejecting it, in which YARP alone would fail every call that drew the dead
/// replica. Runs before load balancing, so each attempt draws from the destinations not yet tried.
/// </summary>
public sealed partial class ConnectRetryMiddleware(RequestDelegate next, ILogger<ConnectRetryMiddleware> logger, IConfiguration configuration)
{
    // Off only to measure what it saves (tests/Benchmarks -- gateway-failover).
    private readonly bool _enabled = configuration.GetValue("Gateway:RetryRefusedConnections", true);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_enabled)
        {
            await next(context);
            return;
        }

        var feature = context.GetReverseProxyFeature();
        var candidates = feature.AvailableDestinations; // load balancing narrows the feature's list to its choice
        while (true)
        {
            await next(context);
            if (context.GetForwarderErrorFeature() is not { Error: ForwarderError.Request } failure
                || context.Response.HasStarted || !RefusedBeforeSending(failure.Exception)
                || feature.ProxiedDestination is not { } refused)
            {
                return;
            }

            candidates = [.. candidates.Where(d => d != refused)];
            if (candidates.Count == 0)
            {
                return;
            }

            LogRetry(logger, refused.DestinationId, refused.Model.Config.Address, feature.Cluster?.Config.ClusterId);
            feature.AvailableDestinations = candidates;
            feature.ProxiedDestination = null;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    private static bool RefusedBeforeSending(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
        || exception?.GetBaseException() is SocketException { SocketErrorCode: SocketError.ConnectionRefused };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Destination {Destination} ({Address}) of cluster {Cluster} could not be connected to; trying another")]
    private static partial void LogRetry(ILogger logger, string destination, string address, string? cluster);
}
