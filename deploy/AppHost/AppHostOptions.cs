using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;

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
          --dashboard-port <port> port of the Aspire dashboard on 127.0.0.1 (default 18888; its OTLP
                                  endpoint and the host's resource service take the next two)
          --no-dashboard          no dashboard (and no telemetry export)
          --development           run the services and the gateway in ASP.NET Core's Development
                                  environment (default: Production, which never shows a stack trace)
          --help                  show this text

        Each option can also be set in the "Platform" configuration section: appsettings.json beside the
        host, or environment variables (Platform__GatewayPort, Platform__DataDirectory, Platform__Redis,
        Platform__NoRedis, Platform__Postgres, Platform__LoadSample, Platform__DashboardPort,
        Platform__Dashboard, Platform__Development). The command line wins.
        """;

    public int GatewayPort { get; private set; } = 8080;

    public string DataDirectory { get; private set; } = Path.GetFullPath(".data");

    public bool ShowHelp { get; private set; }

    public string? RedisConnection { get; private set; }

    public bool NoRedis { get; private set; }

    public string? PostgresConnection { get; private set; }

    public bool LoadSample { get; private set; } = true;

    public int DashboardPort { get; private set; } = 18888;

    public bool Dashboard { get; private set; } = true;

    /// <summary>The services' ASP.NET Core environment: Production unless a developer asks for Development.</summary>
    public bool Development { get; private set; }

    /// <summary>The highest gateway port: the document, entity and prediction services and redis take the next four.</summary>
    public const int MaxGatewayPort = 65535 - 4;

    /// <summary>Every loopback port the platform will listen on, with what listens there.</summary>
    public IEnumerable<(int Port, string Name)> Ports()
    {
        yield return (GatewayPort, "gateway");
        yield return (GatewayPort + 1, "documents");
        yield return (GatewayPort + 2, "entities");
        yield return (GatewayPort + 3, "predictions");
        if (RedisConnection is null && !NoRedis)
        {
            yield return (GatewayPort + 4, "redis");
        }

        if (Dashboard)
        {
            yield return (DashboardPort, "dashboard");
            yield return (DashboardPort + 1, "dashboard");
            yield return (DashboardPort + 2, "dashboard");
        }
    }

    public static bool TryParse(string[] args, IConfiguration defaults, out AppHostOptions options, [NotNullWhen(false)] out string? error)
    {
        options = new AppHostOptions();
        error = null;
        if (!options.TryRead(defaults, out error))
        {
            return false;
        }

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
                    if (!int.TryParse(portText, out var port) || port is < 1 or > MaxGatewayPort)
                    {
                        error = $"--gateway-port needs a port number between 1 and {MaxGatewayPort} (the services and redis take the next four), got '{portText}'.";
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
                case "--dashboard-port":
                    var dashboardText = inlineValue ?? (i + 1 < args.Length ? args[++i] : null);
                    if (!int.TryParse(dashboardText, out var dashboardPort) || dashboardPort is < 1 or > 65533)
                    {
                        error = $"--dashboard-port needs a port number between 1 and 65533, got '{dashboardText}'.";
                        return false;
                    }

                    options.DashboardPort = dashboardPort;
                    break;
                case "--no-dashboard":
                    options.Dashboard = false;
                    break;
                case "--development":
                    options.Development = true;
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

    /// <summary>The "Platform" section's values, checked like their command-line forms.</summary>
    private bool TryRead(IConfiguration section, [NotNullWhen(false)] out string? error)
    {
        error = null;
        try
        {
            GatewayPort = section.GetValue("GatewayPort", GatewayPort);
            DashboardPort = section.GetValue("DashboardPort", DashboardPort);
            NoRedis = section.GetValue("NoRedis", NoRedis);
            LoadSample = section.GetValue("LoadSample", LoadSample);
            Dashboard = section.GetValue("Dashboard", Dashboard);
            Development = section.GetValue("Development", Development);
        }
        catch (InvalidOperationException e)
        {
            error = $"The Platform configuration section has a value of the wrong type: {e.GetBaseException().Message}";
            return false;
        }

        if (GatewayPort is < 1 or > MaxGatewayPort || DashboardPort is < 1 or > 65533)
        {
            error = $"Platform:GatewayPort ({GatewayPort}) must be 1-{MaxGatewayPort} and Platform:DashboardPort ({DashboardPort}) 1-65533.";
            return false;
        }

        if (section["DataDirectory"] is { Length: > 0 } data)
        {
            DataDirectory = Path.GetFullPath(data);
        }

        RedisConnection = section["Redis"] is { Length: > 0 } redis ? redis : null;
        PostgresConnection = section["Postgres"] is { Length: > 0 } postgres ? postgres : null;
        return true;
    }

    private static (string Name, string? Value) SplitOption(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }
}
