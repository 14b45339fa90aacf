using System.Diagnostics.CodeAnalysis;

namespace Platform.AppHost;

/// <summary>Command-line options of the local one-command host.</summary>
internal sealed class AppHostOptions
{
    public const string Usage = """
        Usage: dotnet run --project deploy/AppHost -- [options]

          --gateway-port <port>   port of the gateway on 127.0.0.1 (default 8080; the services use the
                                  next four ports)
          --data-dir <path>       folder for the services' data files (default ./.data)
          --redis <connection>    use this Redis (host:port, or redis://user:password@host:port/db)
                                  instead of starting a local redis-server
          --no-redis              no Redis: each service caches in its own memory
          --postgres <connection> store in PostgreSQL instead of SQLite: an Npgsql connection string
                                  without Database (e.g. "Host=127.0.0.1;Username=platform;Password=…");
                                  the databases platform_documents, platform_entities and
                                  platform_predictions are created when missing
          --no-sample             do not load the sample corpus on first run
          --help                  show this text
        """;

    public int GatewayPort { get; private set; } = 8080;

    public string DataDirectory { get; private set; } = Path.GetFullPath(".data");

    public bool ShowHelp { get; private set; }

    public string? RedisConnection { get; private set; }

    public bool NoRedis { get; private set; }

    public string? PostgresConnection { get; private set; }

    public bool LoadSample { get; private set; } = true;

    public static bool TryParse(string[] args, out AppHostOptions options, [NotNullWhen(false)] out string? error)
    {
        options = new AppHostOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inlineValue) = SplitOption(args[i]);
            switch (name)
            {
                case "--help" or "-h":
                    options.ShowHelp = true;
                    break;
                case "--gateway-port":
                    var portText = inlineValue ?? (i + 1 < args.Length ? args[++i] : null);
                    if (!int.TryParse(portText, out var port) || port is < 1 or > 65532)
                    {
                        // The services take the three ports after the gateway's.
                        error = $"--gateway-port needs a port number between 1 and 65532, got '{portText}'.";
                        return false;
                    }

                    options.GatewayPort = port;
                    break;
                case "--data-dir":
                    var dir = inlineValue ?? (i + 1 < args.Length ? args[++i] : null);
                    if (string.IsNullOrWhiteSpace(dir))
                    {
                        error = "--data-dir needs a folder path.";
                        return false;
                    }

                    options.DataDirectory = Path.GetFullPath(dir);
                    break;
                case "--redis":
                    options.RedisConnection = inlineValue ?? (i + 1 < args.Length ? args[++i] : null);
                    if (string.IsNullOrWhiteSpace(options.RedisConnection))
                    {
                        error = "--redis needs a connection (host:port or redis://…).";
                        return false;
                    }

                    break;
                case "--no-redis":
                    options.NoRedis = true;
                    break;
                case "--postgres":
                    options.PostgresConnection = inlineValue ?? (i + 1 < args.Length ? args[++i] : null);
                    if (string.IsNullOrWhiteSpace(options.PostgresConnection))
                    {
                        error = "--postgres needs an Npgsql connection string.";
                        return false;
                    }

                    break;
                case "--no-sample":
                    options.LoadSample = false;
                    break;
                default:
                    error = $"Unknown option '{args[i]}'.";
                    return false;
            }
        }

        if (options.NoRedis && options.RedisConnection is not null)
        {
            error = "--redis and --no-redis cannot be used together.";
            return false;
        }

        return true;
    }

    private static (string Name, string? Value) SplitOption(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }
}
