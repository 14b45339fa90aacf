using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Grpc;

/// <summary>What every gRPC service of the platform shares: Grpc.AspNetCore, its interceptor, health and reflection.</summary>
public static class GrpcServiceDefaultsExtensions
{
    /// <summary>
    /// Grpc.AspNetCore with the platform's call interceptor, <c>grpc.health.v1</c> fed by the ASP.NET Core health
    /// checks (so a draining service answers NOT_SERVING to Kubernetes' gRPC probes), reflection for grpcurl, and
    /// HTTP/2-only endpoints. Unhandled exceptions end calls with INTERNAL and no details (they are logged).
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

    /// <summary>Serves grpc.health.v1.Health and grpc.reflection (v1 and v1alpha) beside the service's own methods.</summary>
    public static void MapGrpcServiceDefaults(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
    }
}
