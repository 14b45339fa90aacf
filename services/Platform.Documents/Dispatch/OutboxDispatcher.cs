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
/// Delivers the outbox at least once; the receivers are idempotent per (document id, content hash), so the
/// effect is exactly once. For an "extract" entry:
///   1. entities: ExtractEntities, then the stage is DONE;
///   2. predictions: ExtractPredictions with the mentions, then DONE, and the entry is removed;
///   3. a transient failure (UNAVAILABLE, DEADLINE_EXCEEDED, ...) reschedules the entry with exponential backoff,
///      the stage staying PENDING with the reason; a refusal (INVALID_ARGUMENT, FAILED_PRECONDITION, NOT_FOUND)
///      marks it FAILED with the reason and stops.
/// A "forget" entry (after a delete) asks both services to drop what they extracted. With only the entity
/// service configured, documents get their entities and wait, PENDING, for the prediction service.
/// Entries are removed only after delivery, so a crash (even kill -9) at any point loses nothing.
/// </summary>
internal sealed class OutboxDispatcher(
    DocumentRepository documents, OutboxRepository outbox, IPlatformCache cache, DispatchOptions options,
    IServiceProvider services, ILogger<OutboxDispatcher> logger, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Typed clients from the gRPC client factory, registered only for the services that are configured.
        var entities = services.GetService<EntityExtraction.EntityExtractionClient>();
        if (entities is null)
        {
            DispatchLog.NotConfigured(logger);
            return;
        }

        var predictions = services.GetService<PredictionExtraction.PredictionExtractionClient>();
        if (predictions is null)
        {
            DispatchLog.PredictionsNotConfigured(logger);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = await outbox.DueAsync(Now(), options.BatchSize, stoppingToken);
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = stoppingToken };
                await Parallel.ForEachAsync(due.GroupBy(e => e.DocumentId), parallel, async (entries, token) =>
                {
                    // An "extract" and a later "forget" of the same document must not overtake each other.
                    foreach (var entry in entries)
                    {
                        await DeliverAsync(entry, entities, predictions, token);
                    }
                });

                if (due.Count < options.BatchSize)
                {
                    await Task.Delay(options.PollInterval, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                DispatchLog.LoopFailed(logger, e);
                await Task.Delay(options.PollInterval, time, stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(OutboxEntry entry, EntityExtraction.EntityExtractionClient entities,
        PredictionExtraction.PredictionExtractionClient? predictions, CancellationToken cancellationToken)
    {
        // The hand-off continues the trace of the request that wrote the entry (ingest or delete).
        using var activity = DocumentsTelemetry.Source.StartActivity(
            "dispatch " + entry.Kind, ActivityKind.Internal, entry.TraceParent.Length > 0 ? entry.TraceParent : null);
        activity?.SetTag("platform.document.id", entry.DocumentId);
        activity?.SetTag("platform.outbox.attempt", entry.Attempts + 1);
        var stage = "entities";
        try
        {
            if (entry.Kind == "forget")
            {
                await entities.ForgetDocumentAsync(new Entities.V1.ForgetDocumentRequest { DocumentId = entry.DocumentId }, Call(cancellationToken));
                if (predictions is not null)
                {
                    await predictions.ForgetDocumentAsync(new Predictions.V1.ForgetDocumentRequest { DocumentId = entry.DocumentId }, Call(cancellationToken));
                }

                await outbox.CompleteAsync(entry.Id, cancellationToken);
                return;
            }

            var row = await documents.GetAsync(entry.DocumentId, cancellationToken);
            if (row is null)
            {
                await outbox.CompleteAsync(entry.Id, cancellationToken); // deleted meanwhile: nothing to hand on
                return;
            }

            var document = DocumentMapper.ToMessage(row);

            // 1. Entities.
            var extracted = await entities.ExtractEntitiesAsync(new ExtractEntitiesRequest
            {
                DocumentId = document.Id,
                ContentSha256 = document.ContentSha256,
                Title = document.Title,
                Body = document.Body,
                PublishedTime = document.PublishedTime,
            }, Call(cancellationToken));
            await SetStageAsync(entry, "entities", StageState.Done, "", cancellationToken);

            // 2. Predictions, once that service is configured: until then the entry waits (entities stay DONE;
            //    repeating ExtractEntities later is idempotent).
            stage = "predictions";
            if (predictions is null)
            {
                await outbox.RescheduleAsync(entry.Id, entry.Attempts, Now() + (long)options.MaxBackoff.TotalMilliseconds, "no prediction service", cancellationToken);
                await SetStageAsync(entry, "predictions", StageState.Pending, "waiting for the prediction service (Dispatch:PredictionsAddress is not set)", cancellationToken, entry.Attempts);
                return;
            }

            var request = new ExtractPredictionsRequest
            {
                DocumentId = document.Id,
                ContentSha256 = document.ContentSha256,
                Title = document.Title,
                Body = document.Body,
                Outlet = document.Outlet,
                PublishedTime = document.PublishedTime,
            };
            request.Authors.AddRange(document.Authors);
            request.Mentions.AddRange(extracted.Mentions);
            var found = await predictions.ExtractPredictionsAsync(request, Call(cancellationToken));
            await SetStageAsync(entry, "predictions", StageState.Done, "", cancellationToken);
            await outbox.CompleteAsync(entry.Id, cancellationToken);
            DispatchLog.Delivered(logger, document.Id, extracted.Mentions.Count, found.PredictionIds.Count);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.NotFound or StatusCode.PermissionDenied)
        {
            DispatchLog.Refused(logger, entry.DocumentId, e.Status.Detail);
            if (entry.Kind == "extract")
            {
                await SetStageAsync(entry, stage, StageState.Failed, $"{e.StatusCode}: {e.Status.Detail}", cancellationToken);
            }

            await outbox.CompleteAsync(entry.Id, cancellationToken);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            var attempts = entry.Attempts + 1;
            var delay = Backoff(attempts);
            DispatchLog.WillRetry(logger, entry.DocumentId, entry.Kind, attempts, delay, e.Status.ToString());
            await outbox.RescheduleAsync(entry.Id, attempts, Now() + (long)delay.TotalMilliseconds, e.Status.ToString(), cancellationToken);
            if (entry.Kind == "extract")
            {
                await SetStageAsync(entry, stage, StageState.Pending, $"attempt {attempts} failed: {e.Status}", cancellationToken, attempts);
            }
        }
    }

    private async Task SetStageAsync(OutboxEntry entry, string stage, StageState state, string reason, CancellationToken cancellationToken, int? attempts = null)
    {
        await outbox.SetStageAsync(entry.DocumentId, stage, (int)state, reason, attempts ?? entry.Attempts + 1, Now(), cancellationToken);
        await cache.InvalidateAsync("documents", entry.DocumentId, cancellationToken);
    }

    private TimeSpan Backoff(int attempts) => TimeSpan.FromMilliseconds(Math.Min(
        options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 20)), options.MaxBackoff.TotalMilliseconds));

    private CallOptions Call(CancellationToken cancellationToken) =>
        new(deadline: time.GetUtcNow().UtcDateTime + options.CallTimeout, cancellationToken: cancellationToken);

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
