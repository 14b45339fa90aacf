using System.Diagnostics;
using Grpc.Core;
using Platform.Caching;
using Platform.Contracts;
using Platform.Entities.Extraction;
using Platform.Entities.Storage;
using Platform.Entities.V1;

namespace Platform.Entities.Grpc;

/// <summary>The hand-off from the document service: extract a document's entities (one, or a batch), or forget them.</summary>
internal sealed class EntityExtractionGrpcService(EntityExtractor extractor, MentionRepository mentions, IPlatformCache cache,
    RecognitionOptions options, TimeProvider time, ILogger<EntityExtractionGrpcService> logger) : EntityExtraction.EntityExtractionBase
{
    public override async Task<ExtractEntitiesResponse> ExtractEntities(ExtractEntitiesRequest request, ServerCallContext context)
    {
        var (response, changed) = await ExtractOneAsync(request, context.CancellationToken);
        await cache.InvalidateManyAsync(EntityGrpcService.CacheNamespace, changed, context.CancellationToken);
        return response;
    }

    /// <summary>
    /// Each item as ExtractEntities does it, in order, a refusal failing only its item; the entities they changed
    /// are invalidated once for the batch (an article touches dozens, and batches share many).
    /// </summary>
    public override async Task<ExtractEntitiesBatchResponse> ExtractEntitiesBatch(ExtractEntitiesBatchRequest request, ServerCallContext context)
    {
        var response = new ExtractEntitiesBatchResponse();
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var batch = Activity.Current?.Context;
        foreach (var item in request.Items)
        {
            // The work on each document joins the trace of the request that stored it, linked to this batch.
            using var activity = EntitiesTelemetry.Source.StartActivity("extract entities", ActivityKind.Internal, NullIfEmpty(item.TraceParent),
                links: batch is { } link ? [new ActivityLink(link)] : null);
            try
            {
                var (extracted, touched) = await ExtractOneAsync(item, context.CancellationToken);
                changed.UnionWith(touched);
                response.Results.Add(new ExtractEntitiesResult { Extracted = extracted });
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition)
            {
                activity?.SetStatus(ActivityStatusCode.Error, e.Status.Detail);
                response.Results.Add(new ExtractEntitiesResult { Error = new ItemStatus { Code = (int)e.StatusCode, Message = e.Status.Detail } });
            }
        }

        await cache.InvalidateManyAsync(EntityGrpcService.CacheNamespace, changed, context.CancellationToken);
        EntityLog.BatchExtracted(logger, request.Items.Count, response.Results.Count(r => r.Error is not null), changed.Count);
        return response;
    }

    public override async Task<ForgetDocumentResponse> ForgetDocument(ForgetDocumentRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.DocumentId))
        {
            RpcErrors.InvalidArgument("document_id", "required");
        }

        var changed = await mentions.ForgetAsync(request.DocumentId, time.GetUtcNow().ToUnixTimeMilliseconds(), context.CancellationToken);
        await cache.InvalidateManyAsync(EntityGrpcService.CacheNamespace, changed, context.CancellationToken);
        EntityLog.DocumentForgotten(logger, request.DocumentId, changed.Count);
        return new ForgetDocumentResponse();
    }

    /// <summary>Validates, extracts and stores one document; returns its mentions and the entities whose data changed.</summary>
    private async Task<(ExtractEntitiesResponse Response, IReadOnlyCollection<string> Changed)> ExtractOneAsync(ExtractEntitiesRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.DocumentId))
        {
            RpcErrors.InvalidArgument("document_id", "required");
        }

        if (string.IsNullOrWhiteSpace(request.Body))
        {
            RpcErrors.InvalidArgument("body", "empty: there is no text to extract entities from");
        }

        if (request.Body.Length > options.MaxBodyChars)
        {
            RpcErrors.InvalidArgument("body", $"{request.Body.Length} characters is over the limit of {options.MaxBodyChars}");
        }

        var published = request.PublishedTime is null ? 0 : request.PublishedTime.ToDateTimeOffset().ToUnixTimeMilliseconds();
        var outcome = await extractor.ExtractAsync(new ExtractionInput(request.DocumentId, request.ContentSha256, request.Body, published), cancellationToken);
        if (outcome.SkippedReason is { Length: > 0 } reason)
        {
            EntityLog.DocumentSkipped(logger, request.DocumentId, reason);
        }
        else
        {
            EntityLog.EntitiesExtracted(logger, request.DocumentId, outcome.Mentions.Count, outcome.Mentions.Select(m => m.EntityId).Distinct(StringComparer.Ordinal).Count());
        }

        var response = new ExtractEntitiesResponse { SkippedReason = outcome.SkippedReason ?? "" };
        response.Mentions.AddRange(outcome.Mentions.Select(m => new Mention
        {
            EntityId = m.EntityId,
            CanonicalName = m.CanonicalName,
            Type = EntityMapper.ToProto(m.Kind),
            Text = m.Text,
            Start = m.Start,
            End = m.End,
        }));
        return (response, outcome.ChangedEntities);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
