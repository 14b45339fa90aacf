using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Platform.AppHost;

/// <summary>
/// Starts every service as its own process on loopback, waits for all readiness probes, prints the
/// ready line scripts wait for, and on Ctrl+C or SIGTERM stops everything in reverse order.
/// </summary>
internal sealed class PlatformHost(AppHostOptions options)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(35);

    private readonly ConsoleOutput _output = new();

    public async Task<int> RunAsync()
    {
        Directory.CreateDirectory(options.DataDirectory);
        var apiKey = LocalApiKey.LoadOrCreate(options.DataDirectory);
        var services = ServiceCatalog.Create(options, LocalApiKey.Sha256(apiKey), out var cache);
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

        // 1. Refuse to start on a busy port rather than fail later with a confusing child error.
        foreach (var spec in services)
        {
            if (!IsPortFree(spec.Port))
            {
                Console.Error.WriteLine($"Port {spec.Port} on 127.0.0.1 (for {spec.Name}) is already in use. " +
                    (spec.Name == "gateway" ? "Pass --gateway-port <port> to use another." : "Stop whatever holds it."));
                return 1;
            }
        }

        // 2. Find each service's build output (the AppHost build builds them first).
        var children = new List<ChildService>();
        foreach (var spec in services)
        {
            if (spec.Executable is not null)
            {
                children.Add(new ChildService(spec, null, _output));
                continue;
            }

            var assembly = BuildOutput.Locate(spec.ProjectName);
            if (assembly is null)
            {
                Console.Error.WriteLine($"Cannot find the build output of {spec.ProjectName}. " +
                    "Start the platform with: dotnet run --project deploy/AppHost");
                return 1;
            }

            children.Add(new ChildService(spec, assembly, _output));
        }

        using var shutdown = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; shutdown.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; shutdown.Cancel(); });

        try
        {
            // 3. Start everything, then wait for every readiness probe.
            foreach (var child in children)
            {
                child.Start();
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            foreach (var child in children)
            {
                if (!await child.WaitReadyAsync(http, ReadyTimeout, shutdown.Token))
                {
                    if (!shutdown.IsCancellationRequested)
                    {
                        Console.Error.WriteLine(child.HasExited
                            ? $"{child.Spec.Name} exited with code {child.ExitCode} before it became ready."
                            : $"{child.Spec.Name} did not become ready within {ReadyTimeout.TotalSeconds:0} s ({child.Spec.ReadinessUri}).");
                    }

                    return shutdown.IsCancellationRequested ? 0 : 1;
                }
            }

            // 4. The sample corpus on first run, then the lines scripts and users wait for.
            var gatewayAddress = new Uri($"http://127.0.0.1:{options.GatewayPort}");
            if (options.LoadSample)
            {
                await SampleCorpus.LoadIfFirstRunAsync(gatewayAddress, apiKey, options.DataDirectory, _output, shutdown.Token);
            }

            _output.Host($"Data folder: {options.DataDirectory}");
            _output.Host($"Storage: {(options.PostgresConnection is null ? "SQLite files in the data folder" : "PostgreSQL")}; cache: {cache}");
            _output.Host($"API key: {apiKey}");
            _output.Host($"Platform ready: http://127.0.0.1:{options.GatewayPort}");

            // 5. Run until Ctrl+C / SIGTERM, or until a service dies on its own.
            var anyExited = Task.WhenAny(children.Select(c => c.Exited));
            var stopRequested = Task.Delay(Timeout.Infinite, shutdown.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            if (await Task.WhenAny(anyExited, stopRequested) == anyExited && !shutdown.IsCancellationRequested)
            {
                var dead = children.First(c => c.HasExited);
                Console.Error.WriteLine($"{dead.Spec.Name} exited unexpectedly with code {dead.ExitCode}; stopping the platform.");
                return 1;
            }

            return 0;
        }
        finally
        {
            // 6. Stop in reverse start order: the gateway first, so no new work reaches the services.
            _output.Host("Stopping the platform...");
            for (var i = children.Count - 1; i >= 0; i--)
            {
                await children[i].StopAsync(StopGrace);
            }

            _output.Host("Stopped.");
        }
    }

    private static bool IsPortFree(int port)
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
}
