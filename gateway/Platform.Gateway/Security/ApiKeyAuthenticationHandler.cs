using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Security;

/// <summary>
/// Authenticates the x-api-key header (HTTP header or gRPC metadata — the same thing on the wire) against
/// the configured SHA-256 hashes. Hashes are compared in constant time; the key itself is never stored.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, GatewayPolicy policy)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "key";
    public const string HeaderName = "x-api-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (ApiKeyStore.Find(policy.Current.Keys, values[0]!) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, key.Name), new(ClaimTypes.Name, key.Name) };
        claims.AddRange(key.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}

/// <summary>API keys as configured: a name, the SHA-256 of the key, and its roles.</summary>
public static class ApiKeyStore
{
    public sealed record Key(string Name, byte[] Hash, string[] Roles);

    public static Key[] Build(SecurityOptions options) => options.ApiKeys.Select(pair =>
    {
        var where = $"Gateway:ApiKeys:{pair.Key}";
        var hex = pair.Value.Sha256.Trim();
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit))
        {
            throw new InvalidOperationException($"{where}:Sha256 must be 64 hex digits (the SHA-256 of the key), got {hex.Length} characters.");
        }

        return new Key(pair.Key, Convert.FromHexString(hex), Roles.Parse(pair.Value.Roles, $"{where}:Roles"));
    }).ToArray();

    public static Key? Find(Key[] keys, string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        Key? found = null;
        foreach (var key in keys)
        {
            // Look at every key, so the time taken does not say which one came close.
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                found = key;
            }
        }

        return found;
    }

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
