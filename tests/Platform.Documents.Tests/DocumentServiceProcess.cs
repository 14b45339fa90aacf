using Grpc.Health.V1;
using Platform.Documents.V1;
using Platform.Grpc;
using Platform.Grpc.Client;
using Platform.Testing;

namespace Platform.Documents.Tests;

/// <summary>The document service running as its own process, the way it runs in production.</summary>
internal sealed class DocumentServiceProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private ChildProcess _process;
    private GrpcChannel _channel;

    private DocumentServiceProcess(Dictionary<string, string> environment, int port, ChildProcess process)
    {
        _environment = environment;
        Port = port;
        _process = process;
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public DocumentService.DocumentServiceClient Client => new(_channel);

    public string Output => _process.Output;

    public static async Task<DocumentServiceProcess> StartAsync(string dataDirectory, Dictionary<string, string>? settings = null)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["PLATFORM_DATA_DIR"] = dataDirectory,
            ["ServiceDefaults__JsonConsoleLogs"] = "false",
            ["Dispatch__PollInterval"] = "00:00:00.100",
            ["Dispatch__InitialBackoff"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? [])
        {
            environment[key] = value;
        }

        var service = new DocumentServiceProcess(environment, port, Launch(port, environment));
        await service.WaitReadyAsync();
        return service;
    }

    /// <summary>SIGKILL, then the same service started again on the same port and data.</summary>
    public async Task CrashAndRestartAsync(Dictionary<string, string>? changedSettings = null)
    {
        await _process.DisposeAsync();
        foreach (var (key, value) in changedSettings ?? [])
        {
            _environment[key] = value;
        }

        _channel.Dispose();
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Port}");
        _process = Launch(Port, _environment);
        await WaitReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _process.DisposeAsync();
    }

    private static ChildProcess Launch(int port, Dictionary<string, string> environment) =>
        ChildProcess.StartDotnet("Platform.Documents", ["--urls", $"http://127.0.0.1:{port}"], environment);

    private async Task WaitReadyAsync()
    {
        var health = new Health.HealthClient(_channel);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), new CallOptions().WithTimeout(TimeSpan.FromSeconds(2)));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (RpcException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
            }

            if (DateTime.UtcNow >= deadline || _process.HasExited)
            {
                throw new InvalidOperationException("The document service did not become ready:\n" + _process.Output);
            }

            await Task.Delay(100);
        }
    }
}
