using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using Platform.Gateway.Api;
using Platform.Gateway.Hosting;
using Platform.Gateway.Proxy;
using Platform.Gateway.Security;

namespace Platform.Gateway.Endpoints;

internal static partial class GatewayEndpoints
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scoreboard site folder {Root} does not exist; only the API is served")]
    private static partial void LogNoSite(ILogger logger, string root);

    /// <summary>
    /// The request pipeline: who is calling, rate limits, compression, CORS and the site, then routing — the
    /// OpenAPI document, /v1/me, and YARP for every gRPC and JSON call (see Proxy/GatewayProxyExtensions).
    /// </summary>
    public static void MapGateway(this WebApplication app, ForwardedHeadersOptions? trustedProxies)
    {
        app.UseRequestSizeLimits();
        if (trustedProxies is not null)
        {
            app.UseForwardedHeaders(trustedProxies); // before anything reads the caller's address
        }

        app.UseMiddleware<CallerAuthentication>();
        app.UseRateLimiter();

        // Browsers' concerns, skipped for gRPC calls: they are most of the traffic, and the site's file lookup
        // alone (a stat per request) is measurable at tens of thousands of calls a second.
        app.UseWhen(context => !GatewayErrors.IsGrpc(context.Request), browser =>
        {
            browser.UseResponseCompression();
            browser.UseCors(SecurityServiceCollectionExtensions.CorsPolicy);
            UseSite(browser, app.Configuration, app.Logger);
        });
        app.UseRouting();
        app.UseRequestTimeouts(); // applies the routes' Timeout to the proxied calls

        app.MapGet("/openapi.json", (HttpContext context) => Results.Text(OpenApi(context.RequestServices), "application/json; charset=utf-8"));
        app.MapGet("/v1/me", WhoAmI);
        app.MapGatewayProxy();
        app.MapFallback("{**path}", NoRoute);
    }

    /// <summary>A call no route matches: UNIMPLEMENTED for gRPC (what a server says of an unknown method), 404 otherwise.</summary>
    private static Task NoRoute(HttpContext context) => GatewayErrors.WriteAsync(context,
        GatewayErrors.IsGrpc(context.Request) ? StatusCode.Unimplemented : StatusCode.NotFound,
        $"The gateway has no route for {context.Request.Path}.");

    private static async Task WhoAmI(HttpContext context)
    {
        var caller = context.Features.Get<CallerFeature>() ?? new CallerFeature(Caller.Nobody, null);
        if (caller.Failure is { } failure)
        {
            await GatewayErrors.WriteAsync(context, StatusCode.Unauthenticated, failure);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["identity"] = caller.Caller.Identity,
            ["roles"] = new JsonArray([.. caller.Caller.Roles.Order(StringComparer.Ordinal).Select(r => (JsonNode?)r)]),
            ["anonymous"] = caller.Caller.Anonymous,
        });
    }

    private static string OpenApi(IServiceProvider services)
    {
        var access = services.GetRequiredService<GatewayPolicy>().Current.Access;
        return OpenApiDocumentBuilder.Build(services.GetRequiredService<RestRouteTable>(), route => access.Find(route.GrpcPath), "The Platform API", "v1")
            .ToJsonString(Indented);
    }

    /// <summary>
    /// The scoreboard site: index.html is revalidated on every visit (so a new release shows at once); the
    /// scripts and styles it loads are cached for an hour and revalidated by ETag after that.
    /// </summary>
    private static void UseSite(IApplicationBuilder app, IConfiguration configuration, ILogger logger)
    {
        var configured = configuration["Gateway:Site:Root"];
        var root = string.IsNullOrEmpty(configured) ? Path.Combine(AppContext.BaseDirectory, "site") : Path.GetFullPath(configured);
        if (!Directory.Exists(root))
        {
            LogNoSite(logger, root);
            return;
        }

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = file =>
            {
                file.Context.Response.Headers[HeaderNames.CacheControl] =
                    file.File.Name.EndsWith(".html", StringComparison.Ordinal) ? "no-cache" : "public, max-age=3600";
                file.Context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
                file.Context.Response.Headers["Content-Security-Policy"] =
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
            },
        });
    }
}
