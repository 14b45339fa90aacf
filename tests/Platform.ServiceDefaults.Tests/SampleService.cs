using Platform.Testing;

namespace Platform.ServiceDefaults.Tests;

/// <summary>Runs Platform.ServiceDefaults.SampleService as a real process on a free loopback port.</summary>
internal sealed class SampleService : IAsyncDisposable
{
    private SampleService(ChildProcess process, Uri baseAddress)
    {
        Process = process;
        BaseAddress = baseAddress;
    }

    public ChildProcess Process { get; }

    public Uri BaseAddress { get; }

    public static async Task<SampleService> StartAsync(Dictionary<string, string>? environment = null)
    {
        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var process = ChildProcess.StartDotnet(
            "Platform.ServiceDefaults.SampleService",
            ["--urls", baseAddress.ToString().TrimEnd('/')],
            environment);
        var service = new SampleService(process, baseAddress);
        try
        {
            await Platform.Testing.Http.WaitUntilRespondingAsync(new Uri(baseAddress, "/health/live"), TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            await service.DisposeAsync();
            throw new TimeoutException(e.Message + "\n" + process.Output, e);
        }

        return service;
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
