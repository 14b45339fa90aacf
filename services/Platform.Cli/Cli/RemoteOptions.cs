using System.CommandLine;
using System.Globalization;
using Platform.Client;

namespace Platform.Cli;

/// <summary>
/// The options every command that talks to the platform takes: where the gateway is, who the caller is, JSON
/// output and the per-call deadline. One instance per command (System.CommandLine options belong to one parent).
/// </summary>
internal sealed class RemoteOptions
{
    public const string DefaultGateway = "http://127.0.0.1:8080";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public RemoteOptions()
    {
        Gateway.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && ParseGateway(text) is null)
            {
                result.AddError($"--gateway: '{text}' is not an http:// or https:// address");
            }
        });
        Timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } seconds && !(seconds > 0 && seconds <= 86_400))
            {
                result.AddError($"--timeout: {seconds.ToString(CultureInfo.InvariantCulture)} is not a number of seconds between 0 and 86400");
            }
        });
    }

    public Option<string?> Gateway { get; } = new("--gateway")
    {
        Description = $"The gateway's address [default: $PLATFORM_GATEWAY, else {DefaultGateway}]",
        HelpName = "url",
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "API key, sent as x-api-key [default: $PLATFORM_API_KEY]",
        HelpName = "key",
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Machine output: proto3 JSON, one document per line" };

    public Option<double?> Timeout { get; } = new("--timeout")
    {
        Description = "Deadline of each call, in seconds [default: 30]",
        HelpName = "seconds",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Gateway);
        command.Options.Add(ApiKey);
        command.Options.Add(Json);
        command.Options.Add(Timeout);
    }

    /// <summary>The client options from the command line, then the environment; null with the problem when the gateway address is unusable.</summary>
    public PlatformClientOptions? ClientOptions(ParseResult parse, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(parse);
        problem = null;
        var fromEnvironment = Environment.GetEnvironmentVariable("PLATFORM_GATEWAY");
        var text = parse.GetValue(Gateway) ?? (string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultGateway : fromEnvironment.Trim());
        if (ParseGateway(text) is not { } gateway)
        {
            problem = $"PLATFORM_GATEWAY: '{text}' is not an http:// or https:// address";
            return null;
        }

        var key = parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable("PLATFORM_API_KEY");
        return new PlatformClientOptions
        {
            Gateway = gateway,
            ApiKey = string.IsNullOrWhiteSpace(key) ? null : key.Trim(),
            DefaultTimeout = parse.GetValue(Timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultTimeout,
        };
    }

    /// <summary>The deadline the user gave with --timeout, if any (streaming calls get none otherwise).</summary>
    public TimeSpan? ExplicitTimeout(ParseResult parse) => parse?.GetValue(Timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    private static Uri? ParseGateway(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
}
