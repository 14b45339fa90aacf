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

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// Documents handed on at the same time. Each delivery is mostly waiting (two calls, three small writes),
    /// so one at a time left the extraction services idle; entries of the same document stay in order.
    /// </summary>
    [Range(1, 1024)]
    public int Concurrency { get; set; } = 8;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First retry delay; it doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
