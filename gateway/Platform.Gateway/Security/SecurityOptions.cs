namespace Platform.Gateway.Security;

/// <summary>The "Gateway" section: who may call what, and how often (YARP's "ReverseProxy" section holds routes and clusters).</summary>
public sealed class SecurityOptions
{
    /// <summary>API keys by name. Only a SHA-256 of each key is stored, so configuration and secrets never hold a usable key.</summary>
    public Dictionary<string, ApiKeyOptions> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    public JwtOptions Jwt { get; set; } = new();

    /// <summary>Callers without credentials may use the methods marked Public (the scoreboard's reads).</summary>
    public bool AnonymousReads { get; set; } = true;

    public CorsOptions Cors { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>The role table, by full gRPC service name ("platform.documents.v1.DocumentService").</summary>
    public Dictionary<string, ServiceAccessOptions> Services { get; set; } = new(StringComparer.Ordinal);
}

public sealed class ApiKeyOptions
{
    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>Comma-separated: reader, contributor, resolver, admin.</summary>
    public string Roles { get; set; } = "reader";

    /// <summary>When the key was made (written by <c>platform keys create</c>; for people, not checked).</summary>
    public string? Created { get; set; }
}

public sealed class JwtOptions
{
    /// <summary>OpenID Connect issuer whose signing keys are fetched (production).</summary>
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    public string? Issuer { get; set; }

    /// <summary>A base64 HMAC-SHA256 key, for tokens the operator signs itself (development, tests).</summary>
    public string? SigningKey { get; set; }

    /// <summary>The claim that carries roles (besides the standard role claim).</summary>
    public string RoleClaim { get; set; } = "roles";

    public bool Enabled => !string.IsNullOrEmpty(Authority) || !string.IsNullOrEmpty(SigningKey);
}

public sealed class CorsOptions
{
    /// <summary>Origins allowed to call the API from a browser (the scoreboard site when hosted elsewhere).</summary>
    public List<string> Origins { get; set; } = [];
}

public sealed class RateLimitOptions
{
    /// <summary>Sustained requests per second per API key or token subject: the least any caller with credentials gets.</summary>
    public int PerCallerPerSecond { get; set; } = 200;

    public int PerCallerBurst { get; set; } = 400;

    /// <summary>Larger budgets by role ("contributor", "admin"…): a caller gets the largest of its roles' budgets and the per-caller one.</summary>
    public Dictionary<string, RoleBudget> Roles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Sustained requests per second per client address, for anonymous callers.</summary>
    public int PerAddressPerSecond { get; set; } = 50;

    public int PerAddressBurst { get; set; } = 100;

    /// <summary>The budget of a caller with credentials.</summary>
    public (int PerSecond, int Burst) For(Caller caller)
    {
        var (perSecond, burst) = (PerCallerPerSecond, PerCallerBurst);
        foreach (var role in caller.Roles)
        {
            if (Roles.TryGetValue(role, out var budget))
            {
                (perSecond, burst) = (Math.Max(perSecond, budget.PerSecond), Math.Max(burst, budget.Burst));
            }
        }

        return (perSecond, burst);
    }
}

public sealed class RoleBudget
{
    public int PerSecond { get; set; }

    public int Burst { get; set; }
}
