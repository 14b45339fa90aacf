using Microsoft.Extensions.Configuration;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Caching.Tests;

/// <summary>One "service replica": a host wired with AddPlatformCache, its own connections and its own L1.</summary>
internal sealed class CacheReplica : IAsyncDisposable
{
    public static readonly CacheCodec<string> Text = new Utf8Codec();

    private readonly IHost _host;

    private CacheReplica(IHost host) => _host = host;

    public IPlatformCache Cache => _host.Services.GetRequiredService<IPlatformCache>();

    public IDistributedCache Distributed => _host.Services.GetRequiredService<IDistributedCache>();

    public static async Task<CacheReplica> StartAsync(string? redis, Dictionary<string, string?>? settings = null, bool waitForRedis = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "cache-tests" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings ?? []) { ["ConnectionStrings:Redis"] = redis });
        builder.AddPlatformCache();
        var host = builder.Build();
        await host.StartAsync();
        var replica = new CacheReplica(host);
        if (redis is not null && waitForRedis)
        {
            // Redis connects in the background; tests about caching start once it is there.
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while ((await replica.HealthAsync()).Status != HealthStatus.Healthy)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("The replica did not connect to Redis.");
                }

                await Task.Delay(20);
            }
        }

        return replica;
    }

    public async Task<HealthReportEntry> HealthAsync()
    {
        var report = await _host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["cache"];
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private sealed class Utf8Codec : CacheCodec<string>
    {
        public override byte[] Encode(string value) => Encoding.UTF8.GetBytes(value);

        public override string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes);
    }
}
