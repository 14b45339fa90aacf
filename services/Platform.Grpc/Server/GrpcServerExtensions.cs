using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Grpc.Internal;
using Platform.Grpc.Internal.Server;

namespace Platform.Grpc.Server;

public static class GrpcServerExtensions
{
    /// <summary>Registers the gRPC server with its options.</summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        services.AddRouting();
        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton<Platform.Grpc.Services.ReflectionIndex>();
        services.TryAddSingleton(TimeProvider.System);
        var builder = services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return services;
    }

    /// <summary>
    /// Makes every Kestrel endpoint HTTP/2 only. Cleartext gRPC is HTTP/2 with prior knowledge; with HTTP/1.1 also
    /// allowed, Kestrel would speak only 1.1 on a cleartext endpoint (it cannot negotiate without TLS).
    /// </summary>
    public static IWebHostBuilder UseHttp2Only(this IWebHostBuilder webHost) =>
        webHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(o => o.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));

    /// <summary>
    /// Serves <typeparamref name="TService"/> (a subclass of a generated <c>XServiceBase</c>): one endpoint per
    /// method at <c>/package.Service/Method</c>. Unknown services and methods answer UNIMPLEMENTED.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var registry = services.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddGrpcServer() before MapGrpcService<T>().");
        var options = services.GetRequiredService<IOptions<GrpcServerOptions>>().Value;
        var interceptors = options.Interceptors
            .Concat(options.InterceptorTypes.Select(t => (IServerInterceptor)ActivatorUtilities.GetServiceOrCreateInstance(services, t)))
            .ToArray();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Grpc.Server");
        var runtime = new ServerMethodRuntime<TService>(
            options, interceptors, new ServiceActivator<TService>(services), logger, services.GetRequiredService<TimeProvider>());

        var binder = new EndpointServiceBinder<TService>(endpoints, runtime, registry);
        FindBindMethod(typeof(TService)).Invoke(null, [binder]);

        if (!registry.UnimplementedFallbackMapped)
        {
            registry.UnimplementedFallbackMapped = true;
            MapUnimplemented(endpoints);
        }

        return new CompositeConventionBuilder(binder.Endpoints);
    }

    private static MethodInfo FindBindMethod(Type serviceType)
    {
        var attribute = serviceType.GetCustomAttribute<BindServiceMethodAttribute>(inherit: true)
            ?? throw new InvalidOperationException(
                $"{serviceType.Name} is not a gRPC service: derive it from a generated XService.XServiceBase class.");
        var method = attribute.BindType.GetMethod(attribute.BindMethodName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"Generated bind method {attribute.BindType.Name}.{attribute.BindMethodName} not found.");
        return method.MakeGenericMethod(serviceType);
    }

    /// <summary>Any other two-segment gRPC path: UNIMPLEMENTED (gRPC spec), at the lowest route priority.</summary>
    private static void MapUnimplemented(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/{unimplementedService}/{unimplementedMethod}", context =>
            {
                if (!GrpcProtocol.IsGrpcContentType(context.Request.ContentType))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                var service = (string)context.Request.RouteValues["unimplementedService"]!;
                var method = (string)context.Request.RouteValues["unimplementedMethod"]!;
                var response = context.Response;
                response.ContentType = GrpcProtocol.ContentType;
                response.Headers[GrpcProtocol.StatusTrailer] = ((int)StatusCode.Unimplemented).ToString(CultureInfo.InvariantCulture);
                response.Headers[GrpcProtocol.MessageTrailer] = PercentEncoding.Encode($"Method {service}/{method} is unimplemented");
                return Task.CompletedTask;
            })
            .WithOrder(int.MaxValue)
            .WithDisplayName("gRPC unimplemented");
    }

    private sealed class CompositeConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }
    }
}
