using System.ComponentModel.DataAnnotations;

namespace Platform.Storage;

/// <summary>
/// Where a service keeps its data (<c>Storage</c> section): <c>Provider</c> "sqlite" (default: one file under
/// the data folder, zero set-up) or "postgres" with <c>ConnectionStrings:&lt;Service&gt;</c>.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    [RegularExpression("(?i)^(sqlite|postgres)$", ErrorMessage = "Storage:Provider must be sqlite or postgres.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Folder of the SQLite file; defaults to PLATFORM_DATA_DIR, else ./data.</summary>
    public string? DataDirectory { get; set; }
}
