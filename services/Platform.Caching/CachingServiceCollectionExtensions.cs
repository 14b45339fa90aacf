using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Caching.Internal;
using Platform.Redis;

namespace Platform.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPlatformCache"/>, <see cref="IDistributedCache"/> and a "cache" health check. With
    /// <c>ConnectionStrings:Redis</c> set they run on Redis (connecting in the background, so the service starts
    /// while Redis is down); without it, on an in-process memory cache.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformCache(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(CacheOptions.SectionName).Get<CacheOptions>() ?? new CacheOptions();
        var prefix = options.KeyPrefix ?? builder.Environment.ApplicationName;
        var connectionString = builder.Configuration.GetConnectionString("Redis");
        var services = builder.Services;
        services.AddSingleton(options);

        if (!options.Enabled)
        {
            services.AddSingleton<IPlatformCache, PassThroughCache>();
            services.AddDistributedMemoryCache();
            services.AddHealthChecks().AddCheck("cache", new CacheHealthCheck(null));
            return builder;
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            services.AddSingleton<IPlatformCache>(_ => new LocalPlatformCache(options));
            services.AddDistributedMemoryCache();
            services.AddHealthChecks().AddCheck("cache", new CacheHealthCheck(null));
            return builder;
        }

        var redisOptions = RedisOptions.Parse(connectionString);
        services.AddSingleton(_ => RedisClient.Create(redisOptions));
        services.AddSingleton(sp => new GuardedRedis(
            sp.GetRequiredService<RedisClient>(), options, TimeProvider.System, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Caching")));
        services.AddSingleton(sp => new InvalidationBus(
            RedisSubscriber.Create(redisOptions), sp.GetRequiredService<GuardedRedis>(), prefix, options,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Caching")));
        services.AddSingleton<IPlatformCache>(sp => new RedisPlatformCache(
            sp.GetRequiredService<GuardedRedis>(), sp.GetRequiredService<InvalidationBus>(), options, prefix));
        services.AddSingleton<IDistributedCache>(sp => new RedisDistributedCache(sp.GetRequiredService<RedisClient>(), prefix + ":dc:"));
        services.AddHostedService<InvalidationBusStarter>();
        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "cache", sp => new CacheHealthCheck(sp.GetRequiredService<GuardedRedis>()), failureStatus: null, tags: null));
        return builder;
    }
}
