using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Platform.Gateway.Security;

/// <summary>
/// Behind a proxy (the Kubernetes Ingress) every request comes from the proxy's address, so every anonymous visitor
/// would share one rate-limit bucket. <c>Gateway:TrustedProxies</c> lists the proxies' addresses or networks
/// ("10.0.0.0/8"); from those peers only, the last address in <c>X-Forwarded-For</c> — the one the proxy saw —
/// becomes the caller's address. From any other peer the header is ignored, so a client cannot choose its own bucket.
/// </summary>
public static class TrustedProxies
{
    public const string ConfigurationKey = "Gateway:TrustedProxies";

    /// <summary>Reads the list; a malformed entry stops start-up naming it. Null when none is configured.</summary>
    public static ForwardedHeadersOptions? Read(IConfiguration configuration)
    {
        var entries = configuration.GetSection(ConfigurationKey).Get<string[]>() ?? [];
        if (entries.Length == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        // ASP.NET Core trusts loopback by default; only what the operator lists is trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            if (System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"{ConfigurationKey}: '{entry}' is neither an IP address nor a network such as 10.0.0.0/8.");
            }
        }

        return options;
    }
}
