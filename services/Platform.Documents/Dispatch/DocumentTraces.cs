using System.Diagnostics;
using Platform.Documents.Storage;

namespace Platform.Documents.Dispatch;

/// <summary>
/// One "dispatch extract" span per document of a batch, each continuing the trace of the request that stored the
/// document (the outbox keeps its traceparent) and linked to the batch's span, so one trace still shows an
/// article from its ingest through the hand-off to both extractions. The receivers hang their work on these.
/// </summary>
internal sealed class DocumentTraces
{
    private readonly Dictionary<long, Activity> _spans = [];

    private DocumentTraces()
    {
    }

    public static DocumentTraces Start(IReadOnlyList<OutboxEntry> entries, Activity? batch)
    {
        var traces = new DocumentTraces();
        var current = Activity.Current;
        var links = batch is null ? null : new[] { new ActivityLink(batch.Context) };
        foreach (var entry in entries.Where(e => e.TraceParent.Length > 0))
        {
            // Starting a span makes it the current one; these are side by side, so the batch's is restored after each.
            var span = DocumentsTelemetry.Source.StartActivity("dispatch extract", ActivityKind.Internal, entry.TraceParent, links: links);
            Activity.Current = current;
            if (span is not null)
            {
                span.SetTag("platform.document.id", entry.DocumentId);
                span.SetTag("platform.outbox.attempt", entry.Attempts + 1);
                traces._spans[entry.Id] = span;
            }
        }

        return traces;
    }

    /// <summary>The traceparent the receivers continue for this entry's document ("" when not traced).</summary>
    public string ParentFor(OutboxEntry entry) =>
        _spans.TryGetValue(entry.Id, out var span) && span.Id is { } id ? id : entry.TraceParent;

    public void Stop()
    {
        var current = Activity.Current;
        foreach (var span in _spans.Values)
        {
            span.Stop();
        }

        Activity.Current = current;
    }
}
