using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Security;

/// <summary>The caller established for this request, or why the credentials it sent were refused.</summary>
public sealed record CallerFeature(Caller Caller, string? Failure);

/// <summary>
/// Runs before rate limiting and routing: an x-api-key header selects the key scheme, an
/// "Authorization: Bearer" header the JWT scheme; no credentials make an anonymous caller.
/// </summary>
public sealed class CallerAuthentication(RequestDelegate next, IOptionsMonitor<SecurityOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        context.Features.Set(await AuthenticateAsync(context));
        await next(context);
    }

    private async Task<CallerFeature> AuthenticateAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        if (context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName))
        {
            var result = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
            return result.Succeeded
                ? new CallerFeature(Caller.From(result.Principal, settings.Jwt.RoleClaim, "key"), null)
                : new CallerFeature(Caller.Nobody, result.Failure?.Message ?? "The API key is not valid.");
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            if (!settings.Jwt.Enabled)
            {
                return new CallerFeature(Caller.Nobody, "Bearer tokens are not accepted here: the gateway has no token issuer configured (Gateway:Jwt).");
            }

            var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
            return result.Succeeded
                ? new CallerFeature(Caller.From(result.Principal, settings.Jwt.RoleClaim, "jwt"), null)
                : new CallerFeature(Caller.Nobody, $"The bearer token is not valid: {result.Failure?.Message ?? "no details"}");
        }

        return new CallerFeature(Caller.Nobody, null);
    }
}
