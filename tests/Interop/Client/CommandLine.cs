using System.Globalization;

namespace Platform.Interop.Client;

/// <summary>
/// Parses the standard interop client flags. Each flag is written <c>--name=value</c> or <c>--name value</c>
/// (one leading dash works too, as with Go's flag package); a boolean flag given alone means true.
/// </summary>
internal static class CommandLine
{
    private static readonly string[] BooleanFlags = ["use_tls", "use_test_ca"];
    private static readonly string[] ValueFlags = ["server_host", "server_port", "server_host_override", "test_case", "ca_file"];

    public static string Usage => $"""
        Usage: Platform.Interop.Client [flags]
          --server_host=HOST            server to connect to (default localhost)
          --server_port=PORT            server port (default 10000)
          --test_case=NAME              test case to run, or "all" (default large_unary)
          --use_tls=BOOL                connect with TLS (default false)
          --use_test_ca=BOOL            trust only the test CA from --ca_file (default false)
          --ca_file=PATH                test CA certificate (default {ClientSettings.DefaultCaFile})
          --server_host_override=NAME   host name the server certificate must match
        Test cases: {string.Join(", ", TestCaseCatalog.Names)}, all
        """;

    public static ClientSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new ClientSettings();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-help")
            {
                return settings with { ShowHelp = true };
            }

            if (!arg.StartsWith('-') || arg.TrimStart('-').Length == 0)
            {
                throw new UsageException($"Unexpected argument '{arg}'; flags look like --name=value.");
            }

            var body = arg.TrimStart('-');
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            var name = equals >= 0 ? body[..equals] : body;
            var value = equals >= 0 ? body[(equals + 1)..] : null;
            if (BooleanFlags.Contains(name))
            {
                if (value is null && i + 1 < args.Count && TryParseBool(args[i + 1], out _))
                {
                    value = args[++i];
                }

                value ??= "true";
            }
            else if (ValueFlags.Contains(name))
            {
                if (value is null)
                {
                    if (i + 1 >= args.Count)
                    {
                        throw new UsageException($"Flag --{name} needs a value.");
                    }

                    value = args[++i];
                }
            }
            else
            {
                throw new UsageException(
                    $"Unknown flag '--{name}'. Known flags: {string.Join(", ", BooleanFlags.Concat(ValueFlags).Select(f => "--" + f))}.");
            }

            settings = Apply(settings, name, value);
        }

        return settings;
    }

    private static ClientSettings Apply(ClientSettings settings, string name, string value) => name switch
    {
        "server_host" => settings with { ServerHost = NonEmpty(name, value) },
        "server_port" => settings with { ServerPort = ParsePort(value) },
        "server_host_override" => settings with { ServerHostOverride = value.Length == 0 ? null : value },
        "test_case" => settings with { TestCase = NonEmpty(name, value) },
        "ca_file" => settings with { CaFile = NonEmpty(name, value) },
        "use_tls" => settings with { UseTls = ParseBool(name, value) },
        "use_test_ca" => settings with { UseTestCa = ParseBool(name, value) },
        _ => throw new UsageException($"Unknown flag '--{name}'."),
    };

    private static string NonEmpty(string name, string value) =>
        value.Length > 0 ? value : throw new UsageException($"Flag --{name} needs a non-empty value.");

    private static int ParsePort(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new UsageException($"--server_port must be a port number 1-65535, got '{value}'.");

    private static bool ParseBool(string name, string value) =>
        TryParseBool(value, out var result) ? result : throw new UsageException($"--{name} must be true or false, got '{value}'.");

    private static bool TryParseBool(string value, out bool result)
    {
        switch (value.ToLowerInvariant())
        {
            case "true" or "t" or "1":
                result = true;
                return true;
            case "false" or "f" or "0":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }
}
