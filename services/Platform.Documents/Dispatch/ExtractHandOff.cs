using System.Diagnostics;
using Grpc.Core;
using Platform.Caching;
using Platform.Documents.Grpc;
using Platform.Documents.Storage;
using Platform.Documents.V1;
using Platform.Entities.V1;
using Platform.Predictions.V1;

namespace Platform.Documents.Dispatch;

/// <summary>
/// Hands a batch of "extract" entries on in two calls, whatever their number: ExtractEntitiesBatch, then
/// ExtractPredictionsBatch with each document's mentions; then records every outcome in one transaction and
/// invalidates the documents' cache entries at once. Per document:
///   - both stages accepted: DONE and DONE, the entry is removed;
///   - a stage refused the document (INVALID_ARGUMENT, FAILED_PRECONDITION, …): that stage FAILED with the reason,
///     a prediction stage that could not run because of it FAILED too ("not run: …"), the entry is removed;
///   - a call failed as a whole (UNAVAILABLE, DEADLINE_EXCEEDED, …): the stage stays PENDING with the reason and
///     the entry is retried with backoff (the receivers are idempotent per document, so a repeat is harmless).
/// Without a prediction service, documents get their entities and wait for it.
/// </summary>
internal sealed class ExtractHandOff(DocumentRepository documents, OutboxRepository outbox, IPlatformCache cache, DispatchOptions options,
    ILogger<ExtractHandOff> logger, TimeProvider time)
{
    public async Task DeliverAsync(IReadOnlyList<OutboxEntry> entries, EntityExtraction.EntityExtractionClient entities,
        PredictionExtraction.PredictionExtractionClient? predictions, CancellationToken cancellationToken)
    {
        using var activity = DocumentsTelemetry.Source.StartActivity("dispatch extract batch");
        activity?.SetTag("platform.outbox.batch_size", entries.Count);
        var traces = DocumentTraces.Start(entries, activity);
        try
        {
            await DeliverCoreAsync(entries, traces, entities, predictions, cancellationToken);
        }
        finally
        {
            traces.Stop();
        }
    }

    private async Task DeliverCoreAsync(IReadOnlyList<OutboxEntry> entries, DocumentTraces traces, EntityExtraction.EntityExtractionClient entities,
        PredictionExtraction.PredictionExtractionClient? predictions, CancellationToken cancellationToken)
    {
        var rows = (await documents.GetManyAsync([.. entries.Select(e => e.DocumentId)], cancellationToken)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var results = new List<HandOffResult>();
        var work = new List<(OutboxEntry Entry, Document Document)>();
        foreach (var entry in entries)
        {
            if (rows.TryGetValue(entry.DocumentId, out var row))
            {
                work.Add((entry, DocumentMapper.ToMessage(row)));
            }
            else
            {
                results.Add(new HandOffResult(entry, [])); // deleted meanwhile: nothing to hand on
            }
        }

        foreach (var part in BySize(work))
        {
            results.AddRange(await ExtractAsync(part, traces, entities, predictions, cancellationToken));
        }

        await outbox.RecordAsync(results, Now(), cancellationToken);
        await cache.InvalidateManyAsync(DocumentGrpcService.CacheNamespace, [.. results.Select(r => r.Entry.DocumentId)], cancellationToken);
        var done = results.Count(r => r.RetryAt is null);
        DispatchLog.BatchDelivered(logger, entries.Count, done, results.Count - done);
    }

    private async Task<List<HandOffResult>> ExtractAsync(List<(OutboxEntry Entry, Document Document)> work, DocumentTraces traces, EntityExtraction.EntityExtractionClient entities,
        PredictionExtraction.PredictionExtractionClient? predictions, CancellationToken cancellationToken)
    {
        // 1. Entities.
        var entityRequest = new ExtractEntitiesBatchRequest();
        entityRequest.Items.AddRange(work.Select(w => new ExtractEntitiesRequest
        {
            DocumentId = w.Document.Id,
            ContentSha256 = w.Document.ContentSha256,
            Title = w.Document.Title,
            Body = w.Document.Body,
            PublishedTime = w.Document.PublishedTime,
            TraceParent = traces.ParentFor(w.Entry),
        }));
        ExtractEntitiesBatchResponse extracted;
        try
        {
            extracted = await entities.ExtractEntitiesBatchAsync(entityRequest, Call(cancellationToken));
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            return [.. work.Select(w => Retry(w.Entry, "entities", e))];
        }

        var results = new List<HandOffResult>();
        var accepted = new List<(OutboxEntry Entry, Document Document, ExtractEntitiesResponse Entities)>();
        for (var i = 0; i < work.Count; i++)
        {
            var (entry, document) = work[i];
            var result = i < extracted.Results.Count ? extracted.Results[i] : null;
            if (result?.Extracted is { } found)
            {
                accepted.Add((entry, document, found));
            }
            else
            {
                var reason = Refusal(result?.Error, "the entity service gave no result for this document");
                DispatchLog.Refused(logger, document.Id, reason);
                results.Add(new HandOffResult(entry, [Failed("entities", entry, reason), Failed("predictions", entry, "not run: the entity stage failed")]));
            }
        }

        // 2. Predictions, once that service is configured: until then the entries wait (entities stay DONE;
        //    repeating the entity extraction later is idempotent).
        if (predictions is null)
        {
            var later = Now() + (long)options.MaxBackoff.TotalMilliseconds;
            results.AddRange(accepted.Select(a => new HandOffResult(a.Entry,
                [Done("entities", a.Entry), new StageUpdate("predictions", (int)StageState.Pending, "waiting for the prediction service (Dispatch:PredictionsAddress is not set)", a.Entry.Attempts)],
                later, "no prediction service")));
            return results;
        }

        if (accepted.Count == 0)
        {
            return results;
        }

        var predictionRequest = new ExtractPredictionsBatchRequest();
        predictionRequest.Items.AddRange(accepted.Select(a =>
        {
            var item = new ExtractPredictionsRequest
            {
                DocumentId = a.Document.Id,
                ContentSha256 = a.Document.ContentSha256,
                Title = a.Document.Title,
                Body = a.Document.Body,
                Outlet = a.Document.Outlet,
                PublishedTime = a.Document.PublishedTime,
                TraceParent = traces.ParentFor(a.Entry),
            };
            item.Authors.AddRange(a.Document.Authors);
            item.Mentions.AddRange(a.Entities.Mentions);
            return item;
        }));
        ExtractPredictionsBatchResponse forecasts;
        try
        {
            forecasts = await predictions.ExtractPredictionsBatchAsync(predictionRequest, Call(cancellationToken));
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            results.AddRange(accepted.Select(a =>
            {
                var retry = Retry(a.Entry, "predictions", e);
                return retry with { Stages = [Done("entities", a.Entry), .. retry.Stages] };
            }));
            return results;
        }

        for (var i = 0; i < accepted.Count; i++)
        {
            var (entry, document, _) = accepted[i];
            var result = i < forecasts.Results.Count ? forecasts.Results[i] : null;
            if (result?.Extracted is not null)
            {
                results.Add(new HandOffResult(entry, [Done("entities", entry), Done("predictions", entry)]));
            }
            else
            {
                var reason = Refusal(result?.Error, "the prediction service gave no result for this document");
                DispatchLog.Refused(logger, document.Id, reason);
                results.Add(new HandOffResult(entry, [Done("entities", entry), Failed("predictions", entry, reason)]));
            }
        }

        return results;
    }

    /// <summary>Consecutive parts of at most MaxBatchChars of text (one document at least), so no call outgrows the receivers' message limit.</summary>
    private IEnumerable<List<(OutboxEntry Entry, Document Document)>> BySize(List<(OutboxEntry Entry, Document Document)> work)
    {
        var part = new List<(OutboxEntry Entry, Document Document)>();
        var chars = 0L;
        foreach (var item in work)
        {
            var size = item.Document.Body.Length + item.Document.Title.Length;
            if (part.Count > 0 && chars + size > options.MaxBatchChars)
            {
                yield return part;
                part = [];
                chars = 0;
            }

            part.Add(item);
            chars += size;
        }

        if (part.Count > 0)
        {
            yield return part;
        }
    }

    private HandOffResult Retry(OutboxEntry entry, string stage, RpcException e)
    {
        var attempts = entry.Attempts + 1;
        var delay = Backoff(attempts);
        DispatchLog.WillRetry(logger, entry.DocumentId, entry.Kind, attempts, delay, e.Status.ToString());
        return new HandOffResult(entry, [new StageUpdate(stage, (int)StageState.Pending, $"attempt {attempts} failed: {e.Status}", attempts)],
            Now() + (long)delay.TotalMilliseconds, e.Status.ToString());
    }

    private static StageUpdate Done(string stage, OutboxEntry entry) => new(stage, (int)StageState.Done, "", entry.Attempts + 1);

    private static StageUpdate Failed(string stage, OutboxEntry entry, string reason) => new(stage, (int)StageState.Failed, reason, entry.Attempts + 1);

    private static string Refusal(ItemStatus? error, string fallback) =>
        error is null ? fallback : $"{(StatusCode)error.Code}: {error.Message}";

    internal TimeSpan Backoff(int attempts) => TimeSpan.FromMilliseconds(Math.Min(
        options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 20)), options.MaxBackoff.TotalMilliseconds));

    private CallOptions Call(CancellationToken cancellationToken) =>
        new(deadline: time.GetUtcNow().UtcDateTime + options.CallTimeout, cancellationToken: cancellationToken);

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
