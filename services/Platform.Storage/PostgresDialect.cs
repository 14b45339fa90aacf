using System.Data.Common;
using Npgsql;

namespace Platform.Storage;

/// <summary>PostgreSQL (Npgsql) for production: one pooled data source per process.</summary>
public sealed class PostgresDialect(string connectionString) : SqlDialect, IDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => "postgres";

    public override string Serial => "BIGSERIAL";

    public override DbConnection CreateConnection() => _dataSource.CreateConnection();

    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override bool IsRetryable(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    public void Dispose() => _dataSource.Dispose();

    public override string IsAnyOf(string column, string parameter) => $"{column} = ANY({parameter})";
}
