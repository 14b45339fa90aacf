namespace Platform.Gateway.Forwarding.Configuration;

/// <summary>
/// The "Gateway" configuration section: clusters of backends and the routes that lead to them. Read through
/// IOptionsMonitor, so a change to appsettings.json (or any reloadable source) takes effect without a restart.
/// </summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    public Dictionary<string, ClusterOptions> Clusters { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, RouteOptions> Routes { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public enum LoadBalancingPolicy
{
    PowerOfTwoChoices,
    RoundRobin,
}

public sealed class ClusterOptions
{
    /// <summary>Destinations by a name of the operator's choosing (a config key, so environment variables can add one).</summary>
    public Dictionary<string, DestinationOptions> Destinations { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public LoadBalancingPolicy LoadBalancing { get; set; } = LoadBalancingPolicy.PowerOfTwoChoices;

    /// <summary>
    /// Resolve each destination's host name to all its addresses and balance over them, refreshed every
    /// <see cref="DnsRefreshInterval"/>. Meant for a Kubernetes headless Service: HTTP/2 multiplexes every call
    /// over one connection, so a ClusterIP Service alone would pin all traffic to one pod.
    /// </summary>
    public bool DnsDiscovery { get; set; }

    public TimeSpan DnsRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    public ActiveHealthCheckOptions ActiveHealthCheck { get; set; } = new();

    public PassiveHealthCheckOptions PassiveHealthCheck { get; set; } = new();
}

public sealed class DestinationOptions
{
    /// <summary>An absolute http:// or https:// base address of a gRPC backend.</summary>
    public string Address { get; set; } = "";
}

/// <summary>Probes every destination with grpc.health.v1.Health/Check.</summary>
public sealed class ActiveHealthCheckOptions
{
    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The service name sent in HealthCheckRequest; empty asks about the server as a whole.</summary>
    public string Service { get; set; } = "";
}

/// <summary>Ejects a destination for a while after consecutive failed calls (connection refused, reset, UNAVAILABLE).</summary>
public sealed class PassiveHealthCheckOptions
{
    public bool Enabled { get; set; } = true;

    public int ConsecutiveFailures { get; set; } = 3;

    public TimeSpan EjectionTime { get; set; } = TimeSpan.FromSeconds(15);
}

public sealed class RouteOptions
{
    /// <summary>Requests whose path starts with this go to the route's cluster; for gRPC, "/package.Service/".</summary>
    public string PathPrefix { get; set; } = "";

    public string Cluster { get; set; } = "";

    /// <summary>Limit for unary calls (the client's own grpc-timeout, when shorter, still applies). Streams are not limited.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Request body limit in bytes for unary calls; streaming calls are limited per message by the backend.</summary>
    public long? MaxRequestBodyBytes { get; set; }

    /// <summary>The role a method of this route needs when <see cref="Methods"/> does not name it.</summary>
    public string DefaultRole { get; set; } = "admin";

    /// <summary>Per-method settings by the method's simple name ("GetDocument").</summary>
    public Dictionary<string, MethodOptions> Methods { get; set; } = new(StringComparer.Ordinal);
}

public sealed class MethodOptions
{
    /// <summary>reader, contributor, resolver or admin.</summary>
    public string? Role { get; set; }

    /// <summary>Anonymous callers may use it when the gateway allows anonymous reads.</summary>
    public bool Public { get; set; }

    /// <summary>Safe to send again to another destination after a failure (reads).</summary>
    public bool Idempotent { get; set; }

    /// <summary>A streaming call: no route timeout and no total body limit apply to it.</summary>
    public bool Streaming { get; set; }
}
