using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using Platform.Caching.Internal;
using StackExchange.Redis;

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
        // Validated when the host starts (a bad value stops it, naming the setting); bound here as well, because
        // what gets registered depends on it.
        builder.Services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
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

        // One multiplexer per process, shared by the cache, the invalidation bus and tracing. It
        // never aborts start-up: with Redis down the service starts, serves from its store, and connects later.
        var redisOptions = RedisConnection.Options(connectionString);
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisOptions));
        services.AddSingleton(sp => new GuardedRedis(
            sp.GetRequiredService<IConnectionMultiplexer>(), options, TimeProvider.System, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Caching")));
        services.AddSingleton(sp => new InvalidationBus(
            sp.GetRequiredService<GuardedRedis>(), prefix, options, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Caching")));
        services.AddSingleton<IPlatformCache>(sp => new RedisPlatformCache(
            sp.GetRequiredService<GuardedRedis>(), sp.GetRequiredService<InvalidationBus>(), options, prefix));
        // IDistributedCache (Microsoft.Extensions.Caching.StackExchangeRedis) owns and disposes its connection, so it
        // gets its own, opened on first use; its expiry has one-second granularity.
        services.AddStackExchangeRedisCache(o =>
        {
            o.ConfigurationOptions = redisOptions.Clone();
            o.InstanceName = prefix + ":dc:";
        });
        // Redis spans, when tracing is on (the service defaults build the tracer provider only with an OTLP endpoint).
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddRedisInstrumentation());
        services.AddHostedService<InvalidationBusStarter>();
        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            "cache", sp => new CacheHealthCheck(sp.GetRequiredService<GuardedRedis>()), failureStatus: null, tags: null));
        return builder;
    }
}
