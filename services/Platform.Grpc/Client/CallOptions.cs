namespace Platform.Grpc.Client;

/// <summary>Per-call settings: metadata to send, a deadline, cancellation and request compression.</summary>
public readonly record struct CallOptions
{
    public CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    public Metadata? Headers { get; init; }

    /// <summary>When the call must be finished (UTC). Sent to the server as grpc-timeout.</summary>
    public DateTime? Deadline { get; init; }

    public CancellationToken CancellationToken { get; init; }

    /// <summary>gzip-compress request messages (the server must accept gzip).</summary>
    public bool CompressRequests { get; init; }

    /// <summary>A copy with the deadline set to now + <paramref name="timeout"/>.</summary>
    public CallOptions WithTimeout(TimeSpan timeout) => this with { Deadline = DateTime.UtcNow + timeout };
}
