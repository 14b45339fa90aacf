using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Grpc.Server;

namespace Platform.Grpc.Services;

public static class GrpcStandardServicesExtensions
{
    /// <summary>
    /// Serves grpc.health.v1.Health from the registered ASP.NET Core health checks
    /// (configure with <c>services.Configure&lt;GrpcHealthOptions&gt;</c>).
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<HealthCheckService>() is null)
        {
            throw new InvalidOperationException("Call services.AddHealthChecks() (or AddServiceDefaults) before MapGrpcHealthService().");
        }

        return endpoints.MapGrpcService<GrpcHealthService>();
    }

    /// <summary>Serves grpc.reflection.v1 and v1alpha ServerReflection, so grpcurl and grpc_cli can list and call every service.</summary>
    public static IEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var v1 = endpoints.MapGrpcService<ReflectionServiceV1>();
        var v1Alpha = endpoints.MapGrpcService<ReflectionServiceV1Alpha>();
        return new Both(v1, v1Alpha);
    }

    private sealed class Both(IEndpointConventionBuilder a, IEndpointConventionBuilder b) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            a.Add(convention);
            b.Add(convention);
        }
    }
}
