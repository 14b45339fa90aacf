using System.Security.Claims;

namespace Platform.Gateway.Security;

/// <summary>Who is calling, as the gateway established it: an API key's name, a token's subject, or nobody.</summary>
public sealed record Caller(string Identity, IReadOnlyCollection<string> Roles, bool Anonymous)
{
    public static readonly Caller Nobody = new("anonymous", [], Anonymous: true);

    public static Caller From(ClaimsPrincipal principal, string roleClaim, string scheme)
    {
        if (principal.Identity is not { IsAuthenticated: true } identity)
        {
            return Nobody;
        }

        var roles = principal.Claims
            .Where(c => c.Type == ClaimTypes.Role || c.Type == roleClaim || c.Type == "role")
            .SelectMany(c => c.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(r => r is Security.Roles.Reader or Security.Roles.Contributor or Security.Roles.Resolver or Security.Roles.Admin)
            .ToHashSet(StringComparer.Ordinal);
        var name = principal.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? principal.FindFirst("sub")?.Value ?? identity.Name ?? "unknown";
        return new Caller($"{scheme}:{name}", roles, Anonymous: false);
    }
}
