using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the service's <see cref="SqlDialect"/>: SQLite file <c>&lt;name&gt;.db</c> by default, or PostgreSQL
    /// when <c>Storage:Provider</c> is "postgres", connecting with <c>ConnectionStrings:&lt;name&gt;</c>.
    /// </summary>
    public static void AddSqlStorage(this IHostApplicationBuilder builder, string databaseName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        builder.Services.AddSingleton(_ => CreateDialect(storage, configuration, databaseName));
    }

    private static SqlDialect CreateDialect(StorageOptions storage, IConfiguration configuration, string databaseName)
    {
        if (storage.Provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configuration.GetConnectionString(databaseName)
                ?? throw new InvalidOperationException($"Storage:Provider is postgres but ConnectionStrings:{databaseName} is not set.");
            return new PostgresDialect(connectionString);
        }

        if (!storage.Provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Unknown Storage:Provider '{storage.Provider}'; use sqlite or postgres.");
        }

        var folder = storage.DataDirectory ?? configuration["PLATFORM_DATA_DIR"] ?? "data";
        Directory.CreateDirectory(folder);
        return new SqliteDialect(Path.Combine(folder, databaseName.ToLowerInvariant() + ".db"));
    }
}
