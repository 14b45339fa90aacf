using Platform.Documents.V1;
using Platform.Testing;

namespace Platform.Documents.Tests;

/// <summary>The document service running as its own process, the way it runs in production.</summary>
internal sealed class DocumentServiceProcess : IAsyncDisposable
{
    private readonly GrpcServiceProcess _process;

    private DocumentServiceProcess(GrpcServiceProcess process) => _process = process;

    public int Port => _process.Port;

    public DocumentService.DocumentServiceClient Client => new(_process.Channel);

    public string Output => _process.Output;

    public static async Task<DocumentServiceProcess> StartAsync(string dataDirectory, Dictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Dispatch__PollInterval"] = "00:00:00.100",
            ["Dispatch__InitialBackoff"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? [])
        {
            environment[key] = value;
        }

        return new DocumentServiceProcess(await GrpcServiceProcess.StartAsync("Platform.Documents", dataDirectory, environment));
    }

    /// <summary>SIGKILL, then the same service started again on the same port and data.</summary>
    public Task CrashAndRestartAsync(Dictionary<string, string>? changedSettings = null) => _process.CrashAndRestartAsync(changedSettings);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
