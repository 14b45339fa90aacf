using System.ComponentModel.DataAnnotations;

namespace Platform.Documents.Dispatch;

/// <summary>
/// The hand-off to extraction (<c>Dispatch</c> section). <c>EntitiesAddress</c> and <c>PredictionsAddress</c>
/// are the gRPC addresses of the two services. Without the entity service documents wait as PENDING; without the
/// prediction service they get their entities and wait for predictions.
/// </summary>
public sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    public string? EntitiesAddress { get; set; }

    public string? PredictionsAddress { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Documents handed on in one call to each extraction service.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// Text per call at most (characters of title and body; a larger document goes alone): with UTF-8 and the
    /// mentions, a call stays under the receivers' 8 MB message limit.
    /// </summary>
    [Range(1, 2_000_000)]
    public int MaxBatchChars { get; set; } = 1_000_000;

    /// <summary>
    /// Batches handed on at the same time: while one is being recognised, the next is read for forecasts.
    /// Entries of the same document stay in order.
    /// </summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 4;

    /// <summary>
    /// How long a claimed entry is left to this replica before another may deliver it (after a crash, on
    /// PostgreSQL). A batch outlasting it may be delivered twice, which the receivers' idempotence absorbs.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First retry delay; it doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
