using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Platform.Testing;

/// <summary>
/// One of the platform's gRPC services running as its own process on a loopback port, the way it runs in
/// production, ready once its grpc.health.v1 check says SERVING.
/// </summary>
public sealed class GrpcServiceProcess : IAsyncDisposable
{
    private readonly string _project;
    private readonly Dictionary<string, string> _environment;
    private ChildProcess _process;

    private GrpcServiceProcess(string project, Dictionary<string, string> environment, int port, ChildProcess process)
    {
        _project = project;
        _environment = environment;
        Port = port;
        _process = process;
        Channel = GrpcChannel.ForAddress(Address);
    }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port}";

    public GrpcChannel Channel { get; private set; }

    public string Output => _process.Output;

    /// <summary>Starts <paramref name="project"/> (its build output) with PLATFORM_DATA_DIR and the settings as environment.</summary>
    public static async Task<GrpcServiceProcess> StartAsync(string project, string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["PLATFORM_DATA_DIR"] = dataDirectory,
            ["ServiceDefaults__JsonConsoleLogs"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var service = new GrpcServiceProcess(project, environment, port, Launch(project, port, environment));
        await service.WaitReadyAsync();
        return service;
    }

    /// <summary>SIGKILL, then the same service started again on the same port and data, with settings changed if given.</summary>
    public async Task CrashAndRestartAsync(IReadOnlyDictionary<string, string>? changedSettings = null)
    {
        await _process.DisposeAsync();
        foreach (var (key, value) in changedSettings ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }

        Channel.Dispose();
        Channel = GrpcChannel.ForAddress(Address);
        _process = Launch(_project, Port, _environment);
        await WaitReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _process.DisposeAsync();
    }

    private static ChildProcess Launch(string project, int port, Dictionary<string, string> environment) =>
        ChildProcess.StartDotnet(project, ["--urls", $"http://127.0.0.1:{port}"], environment);

    private async Task WaitReadyAsync()
    {
        var health = new Health.HealthClient(Channel);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (RpcException)
            {
                // Not listening yet, or it stopped: the checks below tell which.
            }

            if (DateTime.UtcNow >= deadline || _process.HasExited)
            {
                if (_process.HasExited)
                {
                    await _process.WaitForExitAsync(TimeSpan.FromSeconds(5)); // drains what it wrote before exiting
                }

                throw new InvalidOperationException($"{_project} did not become ready:\n" + _process.Output);
            }

            await Task.Delay(100);
        }
    }
}
