using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Grpc.Internal.Server;

/// <summary>
/// Supplies the service instance for a call: from the request's container when the service type is
/// registered there (so its lifetime is the author's choice), otherwise one instance built once at start-up.
/// </summary>
internal sealed class ServiceActivator<TService>
    where TService : class
{
    private readonly TService? _shared;

    public ServiceActivator(IServiceProvider services)
    {
        var registered = services.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) == true;
        if (!registered)
        {
            _shared = ActivatorUtilities.CreateInstance<TService>(services);
        }
    }

    public TService Get(HttpContext context) => _shared ?? context.RequestServices.GetRequiredService<TService>();
}
