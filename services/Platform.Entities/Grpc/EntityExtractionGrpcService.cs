using Grpc.Core;
using Platform.Caching;
using Platform.Contracts;
using Platform.Entities.Extraction;
using Platform.Entities.Storage;
using Platform.Entities.V1;

namespace Platform.Entities.Grpc;

/// <summary>The hand-off from the document service: extract a document's entities, or forget them.</summary>
internal sealed class EntityExtractionGrpcService(EntityExtractor extractor, MentionRepository mentions, IPlatformCache cache,
    RecognitionOptions options, TimeProvider time, ILogger<EntityExtractionGrpcService> logger) : EntityExtraction.EntityExtractionBase
{
    public override async Task<ExtractEntitiesResponse> ExtractEntities(ExtractEntitiesRequest request, ServerCallContext context)
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
        var outcome = await extractor.ExtractAsync(new ExtractionInput(request.DocumentId, request.ContentSha256, request.Body, published), context.CancellationToken);
        await InvalidateAsync(outcome.ChangedEntities, context.CancellationToken);

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
        return response;
    }

    public override async Task<ForgetDocumentResponse> ForgetDocument(ForgetDocumentRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.DocumentId))
        {
            RpcErrors.InvalidArgument("document_id", "required");
        }

        var changed = await mentions.ForgetAsync(request.DocumentId, time.GetUtcNow().ToUnixTimeMilliseconds(), context.CancellationToken);
        await InvalidateAsync(changed, context.CancellationToken);
        EntityLog.DocumentForgotten(logger, request.DocumentId, changed.Count);
        return new ForgetDocumentResponse();
    }

    /// <summary>All at once: an article touches dozens of entities, and one after another the waits for every
    /// replica's confirmation added up to most of an extraction's time.</summary>
    private Task InvalidateAsync(IEnumerable<string> entityIds, CancellationToken cancellationToken) =>
        Task.WhenAll(entityIds.Select(id => cache.InvalidateAsync(EntityGrpcService.CacheNamespace, id, cancellationToken)));
}
