using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Platform.Gateway.Forwarding.Forwarding;
using Platform.Gateway.Forwarding.Routing;
using Platform.Gateway.Security;
using Platform.Gateway.Transcoding;

namespace Platform.Gateway.Endpoints;

internal static partial class GatewayEndpoints
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The scoreboard site folder {Root} does not exist; only the API is served")]
    private static partial void LogNoSite(ILogger logger, string root);

    /// <summary>The request pipeline: who is calling, rate limits, then gRPC forwarding or REST, the OpenAPI document and the site.</summary>
    public static void MapGateway(this WebApplication app)
    {
        app.UseMiddleware<CallerAuthentication>();
        app.UseRateLimiter();
        app.MapWhen(context => GatewayErrors.IsGrpc(context.Request), grpc => grpc.Run(GrpcProxyEndpoint.HandleAsync));

        app.UseResponseCompression();
        app.UseCors(SecurityServiceCollectionExtensions.CorsPolicy);
        UseSite(app);

        app.MapGet("/openapi.json", (HttpContext context) => Results.Text(OpenApi(context.RequestServices), "application/json; charset=utf-8"));
        app.MapGet("/v1/me", WhoAmI);
        app.Map("/v1/{**rest}", RestEndpoint.HandleAsync);
    }

    private static async Task WhoAmI(HttpContext context)
    {
        var caller = (context.Features.Get<CallerFeature>() ?? new CallerFeature(Caller.Nobody, null));
        if (caller.Failure is { } failure)
        {
            await GatewayErrors.WriteJsonAsync(context, StatusCode.Unauthenticated, failure);
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
        var table = services.GetRequiredService<TranscodingTable>();
        var snapshot = services.GetRequiredService<GatewayConfiguration>().Current;
        return OpenApiDocumentBuilder.Build(table, method =>
        {
            var route = snapshot.Match(method.GrpcPath);
            var options = route?.FindMethod(method.GrpcPath);
            return new MethodAccess(options?.Role ?? route?.Options.DefaultRole ?? Roles.Admin, options?.Public ?? false);
        }, "The Platform API", "v1").ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// The scoreboard site: index.html is revalidated on every visit (so a new release shows at once); the
    /// scripts and styles it loads are cached for an hour and revalidated by ETag after that.
    /// </summary>
    private static void UseSite(WebApplication app)
    {
        var configured = app.Configuration["Gateway:Site:Root"];
        var root = string.IsNullOrEmpty(configured) ? Path.Combine(AppContext.BaseDirectory, "site") : Path.GetFullPath(configured);
        if (!Directory.Exists(root))
        {
            LogNoSite(app.Logger, root);
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
