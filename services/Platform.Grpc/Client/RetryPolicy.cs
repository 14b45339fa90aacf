namespace Platform.Grpc.Client;

/// <summary>
/// Automatic retry of UNAVAILABLE for unary calls to methods the proto marks idempotent: bounded attempts,
/// exponential backoff with full jitter, never past the call's deadline.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>Total attempts including the first (2-10).</summary>
    public int MaxAttempts { get; init; } = 4;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(2);

    public double BackoffMultiplier { get; init; } = 2;

    /// <summary>Status codes that trigger a retry. UNAVAILABLE means the request was not processed, or is safe to repeat.</summary>
    public IReadOnlySet<StatusCode> RetryableStatusCodes { get; init; } = new HashSet<StatusCode> { StatusCode.Unavailable };

    /// <summary>The delay before attempt <paramref name="attempt"/> (2 = first retry): uniform in [0, backoff].</summary>
    internal TimeSpan DelayBefore(int attempt)
    {
        var backoff = InitialBackoff.TotalMilliseconds * Math.Pow(BackoffMultiplier, attempt - 2);
        var capped = Math.Min(backoff, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * capped);
    }
}
