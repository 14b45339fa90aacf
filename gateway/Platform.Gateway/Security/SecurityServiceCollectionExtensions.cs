using System.Threading.RateLimiting;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Platform.Gateway.Api;
using Platform.Gateway.Proxy;

namespace Platform.Gateway.Security;

public static class SecurityServiceCollectionExtensions
{
    public const string CorsPolicy = "site";

    public const string SectionName = "Gateway";

    /// <summary>API keys, JWT bearer tokens, per-caller and per-address rate limits, and CORS for the site's origins.</summary>
    public static IServiceCollection AddGatewaySecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        services.Configure<SecurityOptions>(section);
        services.AddSingleton(provider => new GatewayPolicy(
            provider.GetRequiredService<IOptionsMonitor<SecurityOptions>>(), provider.GetRequiredService<ILogger<GatewayPolicy>>(),
            [.. RestRouteTable.PlatformFiles.SelectMany(f => f.Services)]));

        // JWT validation and CORS origins are read once, at start: changing them needs a restart.
        var settings = section.Get<SecurityOptions>() ?? new SecurityOptions();

        var authentication = services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (settings.Jwt.Enabled)
        {
            authentication.AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.Authority = settings.Jwt.Authority;
                options.Audience = settings.Jwt.Audience;
                options.TokenValidationParameters.ValidateAudience = !string.IsNullOrEmpty(settings.Jwt.Audience);
                options.TokenValidationParameters.ValidAudience = settings.Jwt.Audience;
                options.TokenValidationParameters.ValidateIssuer = !string.IsNullOrEmpty(settings.Jwt.Issuer ?? settings.Jwt.Authority);
                options.TokenValidationParameters.ValidIssuer = settings.Jwt.Issuer;
                options.TokenValidationParameters.NameClaimType = "sub";
                options.TokenValidationParameters.RoleClaimType = settings.Jwt.RoleClaim;
                if (!string.IsNullOrEmpty(settings.Jwt.SigningKey))
                {
                    options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(settings.Jwt.SigningKey));
                }
            });
        }

        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. settings.Cors.Origins])
            .WithMethods("GET", "POST", "PATCH", "DELETE")
            .WithHeaders("content-type", "x-api-key", "authorization")));

        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, RatePartition>(context =>
            {
                if (context.Request.Path.StartsWithSegments("/health") || IsSiteFile(context.Request))
                {
                    return RateLimitPartition.GetNoLimiter(default(RatePartition));
                }

                // The limits are part of the partition key, so a reloaded limit takes effect with fresh buckets.
                var limits = context.RequestServices.GetRequiredService<GatewayPolicy>().Current.RateLimits;
                var caller = context.Features.Get<CallerFeature>()?.Caller ?? Caller.Nobody;
                if (caller.Anonymous)
                {
                    return RateLimitPartition.GetTokenBucketLimiter(new RatePartition(context.Connection.RemoteIpAddress, null, limits.PerAddressPerSecond, limits.PerAddressBurst),
                        key => Bucket(key.PerSecond, key.Burst));
                }

                var (perSecond, burst) = limits.For(caller);
                return RateLimitPartition.GetTokenBucketLimiter(new RatePartition(null, caller.Identity, perSecond, burst), key => Bucket(key.PerSecond, key.Burst));
            });
            limiter.OnRejected = async (rejected, _) =>
            {
                var context = rejected.HttpContext;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await GatewayErrors.WriteAsync(context, StatusCode.ResourceExhausted, "Too many requests: the rate limit for this caller is reached; slow down and retry.",
                    StatusCodes.Status429TooManyRequests);
            };
        });

        return services;
    }

    /// <summary>
    /// The scoreboard site's own files (pages, scripts, styles): never limited, so a visitor's page loads do not spend
    /// the budget of the API calls they make. Everything under /v1, the OpenAPI document and every gRPC call is.
    /// </summary>
    private static bool IsSiteFile(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Path.StartsWithSegments("/v1") && !request.Path.StartsWithSegments("/openapi.json")
        && !GatewayErrors.IsGrpc(request);

    /// <summary>One token bucket: an anonymous caller's address or a caller's identity, at the limits then in force.</summary>
    private readonly record struct RatePartition(System.Net.IPAddress? Address, string? Caller, int PerSecond, int Burst);

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = Math.Max(1, perSecond),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
