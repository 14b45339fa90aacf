using System.Diagnostics;
using Grpc.Core;
using Platform.Caching;
using Platform.Contracts;
using Platform.ServiceDefaults;
using Platform.Entities.Extraction;
using Platform.Entities.Storage;
using Platform.Entities.V1;

namespace Platform.Entities.Grpc;

/// <summary>The hand-off from the document service: extract a document's entities (one, or a batch), or forget them.</summary>
internal sealed class EntityExtractionGrpcService(EntityExtractor extractor, MentionRepository mentions, IPlatformCache cache,
    DocumentLimits limits, TimeProvider time, ILogger<EntityExtractionGrpcService> logger) : EntityExtraction.EntityExtractionBase
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
        // A refused item fails alone; the others are extracted together (one writer turn, one transaction).
        var results = new ExtractEntitiesResult?[request.Items.Count];
        var accepted = new List<(int Index, ExtractionInput Input)>();
        for (var i = 0; i < request.Items.Count; i++)
        {
            try
            {
                accepted.Add((i, Validate(request.Items[i])));
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument)
            {
                results[i] = new ExtractEntitiesResult { Error = new ItemStatus { Code = (int)e.StatusCode, Message = e.Status.Detail } };
            }
        }

        var duplicate = accepted.GroupBy(a => a.Input.DocumentId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            RpcErrors.InvalidArgument("items", $"document {duplicate.Key} appears more than once");
        }

        // The work on each document (its "recognize entities" span) joins the trace of the request that stored it,
        // linked to this batch: one span per document, the fewest that keep each document's trace whole.
        var batch = Activity.Current?.Context;
        var inputs = accepted.Select(a => a.Input with
        {
            Parent = ActivityContext.TryParse(NullIfEmpty(request.Items[a.Index].TraceParent), null, out var parent) ? parent : null,
            Batch = batch,
        }).ToList();
        var outcomes = await extractor.ExtractManyAsync(inputs, context.CancellationToken);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < accepted.Count; k++)
        {
            results[accepted[k].Index] = new ExtractEntitiesResult { Extracted = Report(accepted[k].Input.DocumentId, outcomes[k]) };
            changed.UnionWith(outcomes[k].ChangedEntities);
        }

        await cache.InvalidateManyAsync(EntityGrpcService.CacheNamespace, changed, context.CancellationToken);
        var response = new ExtractEntitiesBatchResponse();
        response.Results.AddRange(results.Select(r => r!));
        EntityLog.BatchExtracted(logger, request.Items.Count, request.Items.Count - accepted.Count, changed.Count);
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
        var input = Validate(request);
        var outcome = await extractor.ExtractAsync(input, cancellationToken);
        return (Report(input.DocumentId, outcome), outcome.ChangedEntities);
    }

    private ExtractionInput Validate(ExtractEntitiesRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.DocumentId))
        {
            RpcErrors.InvalidArgument("document_id", "required");
        }

        if (string.IsNullOrWhiteSpace(request.Body))
        {
            RpcErrors.InvalidArgument("body", "empty: there is no text to extract entities from");
        }

        limits.Check("body", request.Body);

        var published = request.PublishedTime is null ? 0 : request.PublishedTime.ToDateTimeOffset().ToUnixTimeMilliseconds();
        return new ExtractionInput(request.DocumentId, request.ContentSha256, request.Body, published);
    }

    private ExtractEntitiesResponse Report(string documentId, ExtractionOutcome outcome)
    {
        if (outcome.SkippedReason is { Length: > 0 } reason)
        {
            EntityLog.DocumentSkipped(logger, documentId, reason);
        }
        else
        {
            EntityLog.EntitiesExtracted(logger, documentId, outcome.Mentions.Count, outcome.Mentions.Select(m => m.EntityId).Distinct(StringComparer.Ordinal).Count());
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

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
