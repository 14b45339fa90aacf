using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Http;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>What every gRPC service of the platform shares: Grpc.AspNetCore, its interceptor, health, reflection and JSON routes.</summary>
public static class GrpcServiceDefaultsExtensions
{
    /// <summary>
    /// Grpc.AspNetCore with the platform's call interceptor, <c>grpc.health.v1</c> fed by the ASP.NET Core health
    /// checks (so a draining service answers NOT_SERVING to Kubernetes' gRPC probes), reflection for grpcurl, JSON
    /// transcoding of the <c>google.api.http</c> routes, and HTTP/2-only endpoints. Unhandled exceptions end calls
    /// with INTERNAL and no details (they are logged).
    /// </summary>
    public static IGrpcServerBuilder AddGrpcServiceDefaults(this WebApplicationBuilder builder, Action<GrpcServiceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var grpc = builder.Services.AddGrpc(o =>
        {
            o.EnableDetailedErrors = false;
            o.Interceptors.Add<CallOutcomeInterceptor>();
            configure?.Invoke(o);
        });
        // Every google.api.http route answers JSON in the shapes of Google.Protobuf's JsonFormatter.Settings.Default.
        grpc.AddJsonTranscoding(o =>
        {
            o.JsonSettings.IgnoreDefaultValues = true;
            o.JsonSettings.WriteInt64sAsStrings = true;
        });
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        builder.WebHost.UseHttp2Only();
        return grpc;
    }

    /// <summary>
    /// Makes every Kestrel endpoint HTTP/2 only. Cleartext gRPC is HTTP/2 with prior knowledge; with HTTP/1.1 also
    /// allowed, Kestrel would speak only 1.1 on a cleartext endpoint (it cannot negotiate without TLS).
    /// </summary>
    public static IWebHostBuilder UseHttp2Only(this IWebHostBuilder webHost) =>
        webHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(o => o.Protocols = HttpProtocols.Http2));

    /// <summary>
    /// Serves grpc.health.v1.Health and grpc.reflection (v1 and v1alpha) beside the service's own methods, and adds
    /// the platform's REST behaviour over JSON transcoding (<see cref="JsonApiMiddleware"/>) after routing.
    /// </summary>
    public static void MapGrpcServiceDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<JsonApiMiddleware>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
    }
}
