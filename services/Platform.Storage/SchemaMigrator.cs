using Dapper;

namespace Platform.Storage;

/// <summary>
/// Brings the schema up to date at start-up: each migration runs once, in its own transaction, and is recorded
/// in schema_migrations, so a half-applied version never exists and restarts are safe.
/// </summary>
public static class SchemaMigrator
{
    public static async Task MigrateAsync(SqlDialect dialect, IReadOnlyList<string> migrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(migrations);
        await using var connection = dialect.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        foreach (var statement in dialect.Setup)
        {
            await connection.ExecuteAsync(statement); // PRAGMA journal_mode cannot run inside a transaction
        }

        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_time BIGINT NOT NULL)");
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations")).ToHashSet();
        for (var version = 1; version <= migrations.Count; version++)
        {
            if (applied.Contains(version))
            {
                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(migrations[version - 1], transaction: transaction);
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, applied_time) VALUES (@version, @now)",
                new { version, now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, transaction);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
