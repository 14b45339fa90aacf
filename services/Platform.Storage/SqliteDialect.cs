using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Platform.Storage;

/// <summary>SQLite in one file: WAL journal so readers never wait for the writer; foreign keys on.</summary>
public sealed class SqliteDialect(string path) : SqlDialect
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Shared,
        ForeignKeys = true,
        DefaultTimeout = 30,
    }.ToString();

    public override string Name => "sqlite";

    public string Path { get; } = path;

    public override string Serial => "INTEGER";

    public override IReadOnlyList<string> Setup => ["PRAGMA journal_mode = WAL;"];

    public override DbConnection CreateConnection() => new SqliteConnection(_connectionString);

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 }; // SQLITE_CONSTRAINT
}
