namespace Platform.Documents.Storage;

/// <summary>A hand-off waiting to be delivered: "extract" (entities, then predictions) or "forget" (after a delete).</summary>
public sealed class OutboxEntry
{
    public long Id { get; set; }
    public string DocumentId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string ContentSha256 { get; set; } = "";
    public int Attempts { get; set; }

    /// <summary>W3C traceparent of the request that wrote the entry ("" when it was not traced).</summary>
    public string TraceParent { get; set; } = "";
}
