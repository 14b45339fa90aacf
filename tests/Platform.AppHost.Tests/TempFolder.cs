namespace Platform.AppHost.Tests;

/// <summary>A data folder of the test's own, removed when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("apphost-tests-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Something still closing a file in it; the system's temp cleanup takes it.
        }
    }
}
