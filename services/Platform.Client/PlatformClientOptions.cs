namespace Platform.Client;

/// <summary>How to reach the gateway and who to be.</summary>
public sealed class PlatformClientOptions
{
    /// <summary>The gateway's address, e.g. http://127.0.0.1:8080 (gRPC and JSON share the port).</summary>
    public Uri Gateway { get; set; } = new("http://127.0.0.1:8080");

    /// <summary>Sent as x-api-key. Anonymous callers may read the public scoreboard only.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Sent as "Authorization: Bearer …" (a JWT from the operator's identity provider).</summary>
    public string? BearerToken { get; set; }

    /// <summary>Deadline for calls that set none. Streaming calls are not limited.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries for idempotent methods (reads) on UNAVAILABLE, with jittered backoff.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Reads PLATFORM_GATEWAY and PLATFORM_API_KEY, the variables the CLI and AppHost use.</summary>
    public static PlatformClientOptions FromEnvironment()
    {
        var options = new PlatformClientOptions();
        if (Environment.GetEnvironmentVariable("PLATFORM_GATEWAY") is { Length: > 0 } gateway)
        {
            options.Gateway = new Uri(gateway);
        }

        options.ApiKey = Environment.GetEnvironmentVariable("PLATFORM_API_KEY") is { Length: > 0 } key ? key : null;
        return options;
    }
}
