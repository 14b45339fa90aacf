using System.Diagnostics;
using Grpc.Core;
using Platform.Caching;
using Platform.Documents.Grpc;
using Platform.Documents.Storage;
using Platform.Entities.V1;
using Platform.Predictions.V1;
using Platform.Storage;

namespace Platform.Documents.Dispatch;

/// <summary>
/// Delivers the outbox at least once; the receivers are idempotent per (document id, content hash), so the
/// effect is exactly once. <c>Dispatch:Concurrency</c> workers each claim up to <c>Dispatch:BatchSize</c> due entries
/// for a lease (<see cref="OutboxRepository.ClaimAsync"/>: workers and replicas never deliver the same entry at the
/// same time) and hand them on: the "extract" entries as one batch, two calls whatever its size
/// (<see cref="ExtractHandOff"/>); "forget" entries (after a delete) one by one, asking both services to drop what
/// they extracted. Entries are
/// removed only after delivery, so a crash (even kill -9) at any point loses nothing: the lease ends and the
/// entry is due again.
/// </summary>
internal sealed class OutboxDispatcher(
    SqlDialect dialect, OutboxRepository outbox, ExtractHandOff extract, OutboxSignal signal, IPlatformCache cache, DispatchOptions options,
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

        if (dialect.IsSqlite)
        {
            await outbox.ReleaseLeasesAsync(stoppingToken);
        }

        // Concurrency workers, each claiming a batch, handing it on and claiming the next: while one batch is being
        // recognised, another is read for forecasts, and no worker waits for the slowest batch of a round.
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => WorkAsync(entities, predictions, stoppingToken)));
    }

    private async Task WorkAsync(EntityExtraction.EntityExtractionClient entities, PredictionExtraction.PredictionExtractionClient? predictions,
        CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = Now();
                var due = await outbox.ClaimAsync(now, now + (long)options.LeaseDuration.TotalMilliseconds, options.BatchSize, stoppingToken);
                var extracts = due.Where(e => e.Kind == "extract").ToList();
                if (extracts.Count > 0)
                {
                    await extract.DeliverAsync(extracts, entities, predictions, stoppingToken);
                }

                foreach (var entry in due.Where(e => e.Kind != "extract"))
                {
                    await ForgetAsync(entry, entities, predictions, stoppingToken);
                }

                if (due.Count < options.BatchSize)
                {
                    await signal.WaitAsync(options.PollInterval, time, stoppingToken);
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

    private async Task ForgetAsync(OutboxEntry entry, EntityExtraction.EntityExtractionClient entities,
        PredictionExtraction.PredictionExtractionClient? predictions, CancellationToken cancellationToken)
    {
        // The hand-off continues the trace of the request that deleted the document.
        using var activity = DocumentsTelemetry.Source.StartActivity(
            "dispatch forget", ActivityKind.Internal, entry.TraceParent.Length > 0 ? entry.TraceParent : null);
        activity?.SetTag("platform.document.id", entry.DocumentId);
        activity?.SetTag("platform.outbox.attempt", entry.Attempts + 1);
        var call = new CallOptions(deadline: time.GetUtcNow().UtcDateTime + options.CallTimeout, cancellationToken: cancellationToken);
        var result = new HandOffResult(entry, []); // delivered, or refused for good: the entry is done
        try
        {
            await entities.ForgetDocumentAsync(new Entities.V1.ForgetDocumentRequest { DocumentId = entry.DocumentId }, call);
            if (predictions is not null)
            {
                await predictions.ForgetDocumentAsync(new Predictions.V1.ForgetDocumentRequest { DocumentId = entry.DocumentId }, call);
            }
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.NotFound or StatusCode.PermissionDenied)
        {
            DispatchLog.Refused(logger, entry.DocumentId, e.Status.Detail);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            var attempts = entry.Attempts + 1;
            var delay = extract.Backoff(attempts);
            DispatchLog.WillRetry(logger, entry.DocumentId, entry.Kind, attempts, delay, e.Status.ToString());
            result = new HandOffResult(entry, [], Now() + (long)delay.TotalMilliseconds, e.Status.ToString());
        }

        await outbox.RecordAsync([result], Now(), cancellationToken);
        await cache.InvalidateAsync(DocumentGrpcService.CacheNamespace, entry.DocumentId, cancellationToken);
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
