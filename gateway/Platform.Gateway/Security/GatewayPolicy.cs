using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Security;

/// <summary>The security settings in force: API keys, the role table, anonymous reads and rate limits.</summary>
public sealed record GatewayPolicySnapshot(ApiKeyStore.Key[] Keys, AccessTable Access, bool AnonymousReads, RateLimitOptions RateLimits);

/// <summary>
/// Holds the current <see cref="GatewayPolicySnapshot"/> and rebuilds it when the "Gateway" section changes (a
/// rotated Kubernetes secret, an edited file). A mistake stops start-up with a message naming the key; the same
/// mistake in a reload is logged and the running settings are kept, so a bad edit never opens or closes the API.
/// </summary>
public sealed partial class GatewayPolicy : IDisposable
{
    private readonly ILogger<GatewayPolicy> _logger;
    private readonly ServiceDescriptor[] _described;
    private readonly IDisposable? _subscription;
    private volatile GatewayPolicySnapshot _current;

    public GatewayPolicy(IOptionsMonitor<SecurityOptions> options, ILogger<GatewayPolicy> logger, ServiceDescriptor[] described)
    {
        _logger = logger;
        _described = described;
        _current = Build(options.CurrentValue);
        _subscription = options.OnChange(Reload);
    }

    public GatewayPolicySnapshot Current => _current;

    private GatewayPolicySnapshot Build(SecurityOptions options)
    {
        var limits = options.RateLimits;
        if (limits.PerCallerPerSecond < 1 || limits.PerCallerBurst < 1 || limits.PerAddressPerSecond < 1 || limits.PerAddressBurst < 1)
        {
            throw new InvalidOperationException("Gateway:RateLimits: every rate and burst must be at least 1.");
        }

        foreach (var (role, budget) in limits.Roles)
        {
            if (!Roles.All.Contains(role))
            {
                throw new InvalidOperationException($"Gateway:RateLimits:Roles: '{role}' is not a role ({string.Join(", ", Roles.All)}).");
            }

            if (budget.PerSecond < 1 || budget.Burst < 1)
            {
                throw new InvalidOperationException($"Gateway:RateLimits:Roles:{role}: PerSecond and Burst must be at least 1.");
            }
        }

        return new GatewayPolicySnapshot(ApiKeyStore.Build(options), AccessTable.Build(options.Services, _described), options.AnonymousReads, limits);
    }

    private void Reload(SecurityOptions options)
    {
        try
        {
            _current = Build(options);
        }
        catch (InvalidOperationException e)
        {
            LogReloadRejected(_logger, e.Message);
        }
    }

    public void Dispose() => _subscription?.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Gateway configuration change rejected, the running security settings are kept: {Problem}")]
    private static partial void LogReloadRejected(ILogger logger, string problem);
}
