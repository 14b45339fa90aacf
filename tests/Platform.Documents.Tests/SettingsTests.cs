using Platform.Testing;

namespace Platform.Documents.Tests;

/// <summary>A mistake in the service's settings stops it at start-up with a message naming the setting.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("DocumentLimits__MaxBytes", "0", "MaxBytes")]
    [InlineData("Dispatch__Concurrency", "-3", "Concurrency")]
    [InlineData("Dispatch__CallTimeout", "00:00:00", "CallTimeout")]
    [InlineData("Dispatch__EntitiesAddress", "entities:5001", "'entities:5001' is not an http(s) address")]
    [InlineData("Storage__Provider", "mysql", "sqlite or postgres")]
    [InlineData("ServiceDefaults__ShutdownTimeoutSeconds", "-1", "ShutdownTimeoutSeconds")]
    public async Task BadSetting_StopsStartUp_NamingIt(string key, string value, string named)
    {
        var data = Directory.CreateTempSubdirectory("documents-settings-").FullName;
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                GrpcServiceProcess.StartAsync("Platform.Documents", data, new Dictionary<string, string> { [key] = value }));
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
