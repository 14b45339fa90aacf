namespace Platform.Documents.Dispatch;

/// <summary>
/// The hand-off to extraction (<c>Dispatch</c> section). <c>EntitiesAddress</c> and <c>PredictionsAddress</c>
/// are the gRPC addresses of the two services; while either is unset, documents wait as PENDING.
/// </summary>
public sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    public string? EntitiesAddress { get; set; }

    public string? PredictionsAddress { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public int BatchSize { get; set; } = 16;

    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First retry delay; it doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
