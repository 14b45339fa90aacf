using System.Globalization;
using StackExchange.Redis;

namespace Platform.Caching;

/// <summary>
/// The one place a Redis connection string becomes StackExchange.Redis settings. Two forms are accepted:
/// a URL, <c>redis://[user:]password@host[:port][/db]</c> (<c>rediss://</c> for TLS), as the AppHost and the
/// Kubernetes manifests write it; or StackExchange.Redis' own list, <c>host:port,user=…,password=…,ssl=true</c>.
/// Either way the connection never aborts start-up (a service may start before Redis), reconnects by itself, and
/// bounds connect and command time.
/// </summary>
public static class RedisConnection
{
    public static ConfigurationOptions Options(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var text = connectionString.Trim();
        var options = text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase)
            ? FromUrl(text)
            : FromList(text);
        if (options.EndPoints.Count == 0)
        {
            throw new FormatException($"Redis connection '{Redact(text)}' names no host:port.");
        }

        options.AbortOnConnectFail = false;
        options.ClientName ??= "platform";
        options.ConnectRetry = Math.Max(options.ConnectRetry, 3);
        options.ReconnectRetryPolicy ??= new ExponentialRetry(deltaBackOffMilliseconds: 250, maxDeltaBackOffMilliseconds: 5_000);
        return options;
    }

    private static ConfigurationOptions FromList(string text)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(text, ignoreUnknown: false);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"Invalid Redis connection '{Redact(text)}': {e.Message}", e);
        }

        SetTimeouts(options, text);
        return options;
    }

    private static ConfigurationOptions FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"Invalid Redis URL '{Redact(text)}': expected redis://[user:password@]host[:port][/db].");
        }

        var options = new ConfigurationOptions { Ssl = uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase) };
        options.EndPoints.Add(uri.Host.Trim('[', ']'), uri.IsDefaultPort || uri.Port <= 0 ? 6379 : uri.Port);
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            if (parts.Length == 2)
            {
                options.User = parts[0].Length > 0 ? Uri.UnescapeDataString(parts[0]) : null;
                options.Password = Uri.UnescapeDataString(parts[1]);
            }
            else
            {
                options.Password = Uri.UnescapeDataString(parts[0]);
            }
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            options.DefaultDatabase = int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var database)
                ? database
                : throw new FormatException($"Invalid database '{path}' in Redis URL: expected a number.");
        }

        SetTimeouts(options, given: "");
        return options;
    }

    /// <summary>5 s for connecting and for each command, unless the connection string sets its own.</summary>
    private static void SetTimeouts(ConfigurationOptions options, string given)
    {
        bool Given(string name) => given.Contains(name + "=", StringComparison.OrdinalIgnoreCase);
        if (!Given("connectTimeout"))
        {
            options.ConnectTimeout = 5_000;
        }

        if (!Given("syncTimeout"))
        {
            options.SyncTimeout = 5_000;
        }

        if (!Given("asyncTimeout"))
        {
            options.AsyncTimeout = 5_000;
        }
    }

    /// <summary>The connection string without its password, for messages and logs.</summary>
    public static string Redact(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"(?i)(password=)[^,]*|(//[^:@/]*:)[^@]*(@)", m =>
            m.Groups[1].Success ? m.Groups[1].Value + "***" : m.Groups[2].Value + "***" + m.Groups[3].Value);
}
