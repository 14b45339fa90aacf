using System.Globalization;

namespace Platform.Redis;

/// <summary>
/// Where and how to connect. Parsed from a standard connection string, either
/// <c>host:port,password=…,user=…,ssl=true,defaultDatabase=2,connectTimeout=5000,syncTimeout=5000</c>
/// or a URL <c>redis://[user:password@]host:port[/db]</c> (<c>rediss://</c> for TLS).
/// </summary>
public sealed record RedisOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 6379;

    /// <summary>ACL user name (Redis 6+); null uses the default user.</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    public int Database { get; init; }

    public bool UseTls { get; init; }

    /// <summary>TLS server name when it differs from <see cref="Host"/>.</summary>
    public string? TlsHost { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a caller waits for a reply (including time queued while reconnecting).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound of the reconnect backoff (it starts at 100 ms and doubles, with jitter).</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Commands queued while disconnected; beyond this they fail at once rather than pile up.</summary>
    public int MaxBacklog { get; init; } = 100_000;

    /// <summary>Name shown by CLIENT LIST.</summary>
    public string ClientName { get; init; } = "platform";

    public string EndPoint => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public static RedisOptions Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var text = connectionString.Trim();
        return text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase)
            ? ParseUrl(text)
            : ParseList(text);
    }

    private static RedisOptions ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"Invalid Redis URL '{Redact(text)}': expected redis://[user:password@]host[:port][/db].");
        }

        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            (user, password) = parts.Length == 2
                ? (parts[0].Length > 0 ? Uri.UnescapeDataString(parts[0]) : null, Uri.UnescapeDataString(parts[1]))
                : (null, Uri.UnescapeDataString(parts[0]));
        }

        var database = 0;
        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0 && !int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out database))
        {
            throw new FormatException($"Invalid database '{path}' in Redis URL: expected a number.");
        }

        return new RedisOptions
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 6379 : uri.Port,
            User = user,
            Password = password,
            Database = database,
            UseTls = uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase),
        };
    }

    private static RedisOptions ParseList(string text)
    {
        var options = new RedisOptions();
        var endpointSeen = false;
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                if (endpointSeen)
                {
                    throw new FormatException($"Only one endpoint is supported; '{raw}' is a second one.");
                }

                endpointSeen = true;
                options = WithEndpoint(options, raw);
                continue;
            }

            var key = raw[..eq].Trim().ToLowerInvariant();
            var value = raw[(eq + 1)..].Trim();
            options = key switch
            {
                "password" => options with { Password = value },
                "user" => options with { User = value },
                "ssl" => options with { UseTls = ParseBool(key, value) },
                "sslhost" => options with { TlsHost = value },
                "defaultdatabase" => options with { Database = ParseInt(key, value, 0, 15_999) },
                "connecttimeout" => options with { ConnectTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value, 1, 600_000)) },
                "synctimeout" or "asynctimeout" or "commandtimeout" => options with { CommandTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value, 1, 600_000)) },
                "name" => options with { ClientName = value },
                "abortconnect" => options,
                _ => throw new FormatException($"Unknown Redis connection string option '{key}'."),
            };
        }

        return endpointSeen ? options : throw new FormatException("The Redis connection string names no host:port.");
    }

    private static RedisOptions WithEndpoint(RedisOptions options, string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon < 0 || endpoint.EndsWith(']'))
        {
            return options with { Host = endpoint.Trim('[', ']') };
        }

        return options with
        {
            Host = endpoint[..colon].Trim('[', ']'),
            Port = ParseInt("port", endpoint[(colon + 1)..], 1, 65_535),
        };
    }

    private static int ParseInt(string key, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"Redis option '{key}' must be a number between {min} and {max}, got '{value}'.");

    private static bool ParseBool(string key, string value) =>
        bool.TryParse(value, out var b) ? b : throw new FormatException($"Redis option '{key}' must be true or false, got '{value}'.");

    private static string Redact(string url) => url.Contains('@', StringComparison.Ordinal) ? "redis://***@" + url[(url.IndexOf('@', StringComparison.Ordinal) + 1)..] : url;
}
