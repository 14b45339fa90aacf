using Yarp.ReverseProxy.Configuration;

namespace Platform.Gateway.Proxy;

/// <summary>Says in the log, in one line each, that a routes-and-clusters change was applied or refused (and why).</summary>
public sealed partial class ProxyConfigLog(ILogger<ProxyConfigLog> logger) : IConfigChangeListener
{
    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception) =>
        LogRejected(logger, Problems(exception));

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception) =>
        LogRejected(logger, Problems(exception));

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        int routes = 0, clusters = 0;
        foreach (var config in proxyConfigs)
        {
            routes += config.Routes.Count;
            clusters += config.Clusters.Count;
        }

        LogApplied(logger, routes, clusters);
    }

    /// <summary>YARP reports every mistake of a configuration as one exception inside an AggregateException: the innermost say what.</summary>
    public static string Problems(Exception exception) => exception switch
    {
        AggregateException aggregate => string.Join(" ", aggregate.Flatten().InnerExceptions.Select(Problems)),
        { InnerException: { } inner } => Problems(inner),
        _ => exception.Message,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway routes and clusters applied: {Routes} routes, {Clusters} clusters")]
    private static partial void LogApplied(ILogger logger, int routes, int clusters);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gateway configuration change rejected, the running routes and clusters are kept: {Problems}")]
    private static partial void LogRejected(ILogger logger, string problems);
}
