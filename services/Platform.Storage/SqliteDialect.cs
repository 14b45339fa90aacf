using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Platform.Storage;

/// <summary>
/// SQLite in one file: WAL journal so readers never wait for the writer; foreign keys on. Each connection runs
/// with <c>synchronous = NORMAL</c>, which in WAL mode is still durable against a crash of the process (kill -9)
/// and keeps the database consistent after a power loss, but syncs the disk at checkpoints instead of at every
/// commit — the default (FULL) made every small write of the ingest wait for the disk. Private caches: the
/// shared-cache mode serialises connections on table locks, which WAL does not need.
/// </summary>
public sealed class SqliteDialect(string path) : SqlDialect
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        ForeignKeys = true,
        DefaultTimeout = 30,
    }.ToString();

    public override string Name => "sqlite";

    public string Path { get; } = path;

    public override string Serial => "INTEGER";

    public override IReadOnlyList<string> Setup => ["PRAGMA journal_mode = WAL;"];

    public override DbConnection CreateConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.StateChange += OnStateChange;
        return connection;
    }

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 }; // SQLITE_CONSTRAINT

    // The setting belongs to the connection, not the file, so it is applied at every open.
    private static void OnStateChange(object sender, StateChangeEventArgs e)
    {
        if (e.CurrentState == ConnectionState.Open && sender is SqliteConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = NORMAL;";
            command.ExecuteNonQuery();
        }
    }

    public override string IsAnyOf(string column, string parameter) => $"{column} IN {parameter}";
}
