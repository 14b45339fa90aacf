using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Platform.ServiceDefaults.Health;

namespace Platform.ServiceDefaults;

/// <summary>Puts the shared middleware in front of whatever pipeline the service builds.</summary>
internal sealed class ServiceDefaultsStartupFilter(ServiceDefaultsOptions options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UsePlatformHealthEndpoints(options);
        next(app);
    };
}
