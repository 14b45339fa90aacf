using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.AppHost;

// Options: the command line over the "Platform" configuration section (appsettings.json, Platform__* variables).
var defaults = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
    .AddEnvironmentVariables()
    .Build()
    .GetSection("Platform");
if (!AppHostOptions.TryParse(args, defaults, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(AppHostOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(AppHostOptions.Usage);
    return 0;
}

// Refuse a busy port now rather than let a service fail later with a confusing error of its own.
foreach (var (port, name) in options.Ports())
{
    if (!IsPortFree(port))
    {
        Console.Error.WriteLine($"Port {port} on 127.0.0.1 (for {name}) is already in use. " + name switch
        {
            "gateway" => "Pass --gateway-port <port> to use another.",
            "dashboard" => "Pass --dashboard-port <port> to use another, or --no-dashboard.",
            _ => "Stop whatever holds it, or pass another --gateway-port (the services take the next four ports).",
        });
        return 1;
    }
}

Directory.CreateDirectory(options.DataDirectory);
var apiKey = LocalApiKey.LoadOrCreate(options.DataDirectory);
if (options.PostgresConnection is { } postgres)
{
    try
    {
        await PostgresDatabases.EnsureCreatedAsync(postgres, CancellationToken.None);
    }
    catch (Exception e) when (e is Npgsql.NpgsqlException or ArgumentException or InvalidOperationException)
    {
        Console.Error.WriteLine($"Cannot prepare the PostgreSQL databases with --postgres: {e.Message}");
        return 1;
    }
}

// The dashboard on plain HTTP on loopback (no developer certificate needed), unless the caller chose otherwise.
Environment.SetEnvironmentVariable("ASPNETCORE_URLS", Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? $"http://127.0.0.1:{options.DashboardPort}");
Environment.SetEnvironmentVariable("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL",
    Environment.GetEnvironmentVariable("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL") ?? $"http://127.0.0.1:{options.DashboardPort + 1}");
Environment.SetEnvironmentVariable("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL",
    Environment.GetEnvironmentVariable("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL") ?? $"http://127.0.0.1:{options.DashboardPort + 2}");

var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
{
    Args = [],
    DisableDashboard = !options.Dashboard,
    AllowUnsecuredTransport = true,
    EnableResourceLogging = true, // resources' log lines on this console too (filtered below)
});
// Resources' own console lines go to the dashboard; this console shows only what they write to stderr. Health
// probes failing while a service starts are expected (the dashboard shows each resource's health), not errors.
builder.Services.AddLogging(logging => logging
    .AddFilter("Platform.AppHost.Resources", LogLevel.Warning)
    .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
var platform = PlatformResources.Add(builder, options, LocalApiKey.Sha256(apiKey));
builder.Services.AddHostedService(services => new ResourceSupervisor(
    services.GetRequiredService<ResourceNotificationService>(), services.GetRequiredService<ResourceCommandService>(),
    services.GetRequiredService<IHostApplicationLifetime>(), platform.Supervised));

// Once the gateway is ready (and so everything behind it): the sample corpus on first run, then the lines
// scripts and users wait for.
builder.Eventing.Subscribe<ResourceReadyEvent>(platform.Gateway.Resource, async (_, cancellationToken) =>
{
    var gateway = new Uri($"http://127.0.0.1:{options.GatewayPort}");
    if (options.LoadSample)
    {
        await SampleCorpus.LoadIfFirstRunAsync(gateway, apiKey, options.DataDirectory, cancellationToken);
    }

    Console.WriteLine($"Data folder: {options.DataDirectory}");
    Console.WriteLine($"Storage: {(options.PostgresConnection is null ? "SQLite files in the data folder" : "PostgreSQL")}; cache: {platform.Cache}");
    Console.WriteLine($"API key: {apiKey}");
    Console.WriteLine($"Platform ready: {gateway.ToString().TrimEnd('/')}");
});

await builder.Build().RunAsync();
return 0;

static bool IsPortFree(int port)
{
    try
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return true;
    }
    catch (SocketException)
    {
        return false;
    }
}
