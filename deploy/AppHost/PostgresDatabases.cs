using Npgsql;

namespace Platform.AppHost;

/// <summary>Each service owns its database; with --postgres the host makes sure the three exist.</summary>
internal static class PostgresDatabases
{
    public static readonly IReadOnlyDictionary<string, string> ByService = new Dictionary<string, string>
    {
        ["Documents"] = "platform_documents",
        ["Entities"] = "platform_entities",
        ["Predictions"] = "platform_predictions",
    };

    public static string ConnectionFor(string serverConnection, string database) =>
        new NpgsqlConnectionStringBuilder(serverConnection) { Database = database }.ConnectionString;

    /// <summary>Creates the missing databases; throws with the server's message when it cannot be reached.</summary>
    public static async Task EnsureCreatedAsync(string serverConnection, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(serverConnection) { Database = "postgres", Timeout = 10 };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var database in ByService.Values)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                // Names are our own constants, not user input: safe to put in the statement.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
