using Microsoft.Extensions.Hosting;

namespace Platform.Caching.Internal;

/// <summary>Subscribes to the invalidation channels when the host starts (without waiting for Redis).</summary>
internal sealed class InvalidationBusStarter(InvalidationBus bus) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = bus.StartAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
