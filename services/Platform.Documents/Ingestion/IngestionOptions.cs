using System.ComponentModel.DataAnnotations;

namespace Platform.Documents.Ingestion;

/// <summary>Limits on what is accepted (<c>Ingestion</c> section).</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Largest content accepted, in bytes of UTF-8; larger requests get RESOURCE_EXHAUSTED.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxContentBytes { get; set; } = 2 * 1024 * 1024;
}
