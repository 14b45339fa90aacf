using System.Data.Common;

namespace Platform.Storage;

/// <summary>What differs between the two databases: how to connect, and the few statements that differ.</summary>
public abstract class SqlDialect
{
    public abstract string Name { get; }

    public bool IsSqlite => Name == "sqlite";

    public abstract DbConnection CreateConnection();

    /// <summary>A new, open connection from the pool.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Statements run at every start before the migrations (idempotent settings such as the journal mode).</summary>
    public virtual IReadOnlyList<string> Setup => [];

    /// <summary>True when the exception is a unique-constraint violation (a concurrent duplicate insert).</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>True when the transaction failed in a way that running it again cures (a deadlock, a serialization failure).</summary>
    public virtual bool IsRetryable(DbException exception) => false;

    /// <summary>
    /// "column is one of the list parameter's values", with Dapper passing a string[]: SQLite gets the list spread
    /// into one parameter per value, PostgreSQL one array parameter.
    /// </summary>
    public abstract string IsAnyOf(string column, string parameter);

    /// <summary>Auto-increment primary key column type, for the services' schema text.</summary>
    public abstract string Serial { get; }
}
