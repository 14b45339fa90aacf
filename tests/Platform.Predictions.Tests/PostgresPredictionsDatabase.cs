using Platform.Testing;

namespace Platform.Predictions.Tests;

/// <summary>A PostgreSQL cluster of the test class's own, with the predictions database, and the settings that point the service at it.</summary>
internal sealed class PostgresPredictionsDatabase
{
    private PostgresServer? _postgres;

    public async Task<Dictionary<string, string>> StartAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        await _postgres.CreateDatabaseAsync("predictions");
        return new()
        {
            ["Storage__Provider"] = "postgres",
            ["ConnectionStrings__Predictions"] = _postgres.ConnectionString("predictions"),
        };
    }

    public async Task StopAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
