using System.Diagnostics;
using Grpc.Core;
using Platform.Caching;
using Platform.Contracts;
using Platform.ServiceDefaults;
using Platform.Entities.Recognition;
using Platform.Predictions.Extraction;
using Platform.Predictions.Storage;
using Platform.Predictions.V1;

namespace Platform.Predictions.Grpc;

/// <summary>
/// The hand-off from the document service: find a document's (or a batch of documents') forecasts (idempotent per document id and content
/// hash; a new hash replaces the old forecasts), or forget them.
/// </summary>
internal sealed partial class PredictionExtractionGrpcService(ForecastExtractor extractor, PredictionRepository predictions, PredictionWriter writer,
    IPlatformCache cache, DocumentLimits limits, TimeProvider time, ILogger<PredictionExtractionGrpcService> logger) : PredictionExtraction.PredictionExtractionBase
{
    public override async Task<ExtractPredictionsResponse> ExtractPredictions(ExtractPredictionsRequest request, ServerCallContext context)
    {
        var (response, stored) = await ExtractOneAsync(request, context.CancellationToken);
        if (stored)
        {
            await cache.InvalidateNamespaceAsync(PredictionGrpcService.ScoreboardNamespace, context.CancellationToken);
        }

        return response;
    }

    /// <summary>
    /// Each item read as ExtractPredictions reads it, in order, a refusal failing only its item; the forecasts of
    /// all the others stored in one transaction, and the scoreboard's cache retired once for the batch.
    /// </summary>
    public override async Task<ExtractPredictionsBatchResponse> ExtractPredictionsBatch(ExtractPredictionsBatchRequest request, ServerCallContext context)
    {
        var results = new ExtractPredictionsResult[request.Items.Count];
        var prepared = new List<(int Index, PreparedDocument Document)>();
        var batch = Activity.Current?.Context;
        var extracted = await predictions.ExtractedHashesAsync(request.Items.Select(i => i.DocumentId), context.CancellationToken);
        for (var i = 0; i < request.Items.Count; i++)
        {
            var item = request.Items[i];
            // The work on each document (one span) joins the trace of the request that stored it, linked to this batch.
            using var activity = PredictionsTelemetry.Source.StartActivity("extract forecasts", ActivityKind.Internal, item.TraceParent.Length == 0 ? null : item.TraceParent,
                links: batch is { } link ? [new ActivityLink(link)] : null);
            try
            {
                var (existing, document) = await PrepareAsync(item, extracted.GetValueOrDefault(item.DocumentId), context.CancellationToken);
                if (document is null)
                {
                    results[i] = new ExtractPredictionsResult { Extracted = existing };
                }
                else
                {
                    prepared.Add((i, document));
                }
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition)
            {
                activity?.SetStatus(ActivityStatusCode.Error, e.Status.Detail);
                results[i] = new ExtractPredictionsResult { Error = new Entities.V1.ItemStatus { Code = (int)e.StatusCode, Message = e.Status.Detail } };
            }
        }

        var duplicate = prepared.GroupBy(p => p.Document.Request.DocumentId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            RpcErrors.InvalidArgument("items", $"document {duplicate.Key} appears more than once");
        }

        if (prepared.Count > 0)
        {
            await writer.ReplaceDocumentsAsync([.. prepared.Select(p => p.Document.Replacement)], context.CancellationToken);
            await cache.InvalidateNamespaceAsync(PredictionGrpcService.ScoreboardNamespace, context.CancellationToken);
        }

        foreach (var (index, document) in prepared)
        {
            results[index] = new ExtractPredictionsResult { Extracted = document.Stored() };
        }

        var response = new ExtractPredictionsBatchResponse();
        response.Results.AddRange(results);
        PredictionLog.BatchExtracted(logger, request.Items.Count, results.Count(r => r.Error is not null), prepared.Sum(p => p.Document.Replacement.Predictions.Count));
        return response;
    }

    public override async Task<ForgetDocumentResponse> ForgetDocument(ForgetDocumentRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.DocumentId))
        {
            RpcErrors.InvalidArgument("document_id", "required");
        }

        var ids = await predictions.IdsOfDocumentAsync(request.DocumentId, context.CancellationToken);
        await writer.ForgetDocumentAsync(request.DocumentId, context.CancellationToken);
        await Task.WhenAll(ids.Select(id => cache.InvalidateAsync(PredictionGrpcService.PredictionNamespace, id, context.CancellationToken)));
        PredictionLog.DocumentForgotten(logger, request.DocumentId, ids.Count);

        await cache.InvalidateNamespaceAsync(PredictionGrpcService.ScoreboardNamespace, context.CancellationToken);
        return new ForgetDocumentResponse();
    }

    /// <summary>Validates, extracts and stores one document; Stored is false when it had been extracted already.</summary>
    private async Task<(ExtractPredictionsResponse Response, bool Stored)> ExtractOneAsync(ExtractPredictionsRequest request, CancellationToken cancellationToken)
    {
        var extracted = await predictions.ExtractedHashesAsync([request.DocumentId], cancellationToken);
        using var activity = PredictionsTelemetry.Source.StartActivity("extract forecasts");
        var (existing, document) = await PrepareAsync(request, extracted.GetValueOrDefault(request.DocumentId), cancellationToken);
        if (document is null)
        {
            return (existing!, false);
        }

        await writer.ReplaceDocumentsAsync([document.Replacement], cancellationToken);
        return (document.Stored(), true);
    }

    /// <summary>
    /// Validates and reads one document (outside any transaction: it is CPU work): either the forecasts stored
    /// for this very content before (Existing), or the ones to store (Prepared). <paramref name="extractedHash"/> is the
    /// content hash the document was extracted at before, if it was.
    /// </summary>
    private async Task<(ExtractPredictionsResponse? Existing, PreparedDocument? Prepared)> PrepareAsync(ExtractPredictionsRequest request, string? extractedHash,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.DocumentId))
        {
            RpcErrors.InvalidArgument("document_id", "required");
        }

        limits.Check("body", request.Body);

        var response = new ExtractPredictionsResponse();
        if (extractedHash == request.ContentSha256)
        {
            response.PredictionIds.AddRange(await predictions.IdsOfDocumentAsync(request.DocumentId, cancellationToken));
            return (response, null);
        }

        var published = request.PublishedTime?.ToDateTimeOffset() ?? time.GetUtcNow();
        foreach (var mention in request.Mentions)
        {
            if (mention.Start < 0 || mention.End > request.Body.Length || mention.Start >= mention.End)
            {
                RpcErrors.InvalidArgument("mentions", $"offsets [{mention.Start}, {mention.End}) are outside the body of {request.Body.Length} characters");
            }
        }

        var mentions = request.Mentions.Select(m => new MentionInput(m.Start, m.End, m.EntityId, m.CanonicalName, KindOf(m.Type))).OrderBy(m => m.Start).ToList();
        // Tagged on the caller's "extract forecasts" span.
        var found = extractor.Extract(new ArticleInput(request.Body, DateOnly.FromDateTime(published.UtcDateTime), [.. request.Authors], mentions));
        Activity.Current?.SetTag("platform.document.id", request.DocumentId);
        Activity.Current?.SetTag("platform.forecasts.count", found.Count);

        var rows = found.Select(f => ToRow(request, f, published)).ToList();
        var signals = new DocumentSignals
        {
            DocumentId = request.DocumentId,
            PublishedTime = published.ToUnixTimeMilliseconds(),
            EntityIds = string.Join(' ', mentions.Select(m => m.EntityId).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal)),
            Terms = string.Join(' ', EvidenceTerms.Of(request.Title + " " + request.Body)),
        };
        return (null, new PreparedDocument(request, new DocumentReplacement(request.DocumentId, request.ContentSha256, rows, signals), logger));
    }

    /// <summary>A document read and ready to store; <see cref="Stored"/> is its answer once it is.</summary>
    private sealed record PreparedDocument(ExtractPredictionsRequest Request, DocumentReplacement Replacement, ILogger Logger)
    {
        public ExtractPredictionsResponse Stored()
        {
            PredictionLog.ForecastsExtracted(Logger, Request.DocumentId, Replacement.Predictions.Count);
            var response = new ExtractPredictionsResponse();
            response.PredictionIds.AddRange(Replacement.Predictions.Select(r => r.Row.Id));
            return response;
        }
    }

    private static (PredictionRow Row, IReadOnlyList<PredictionEntityRow> Entities) ToRow(ExtractPredictionsRequest request, ExtractedForecast forecast, DateTimeOffset published)
    {
        var id = PredictionIds.New();
        var row = new PredictionRow
        {
            Id = id,
            DocumentId = request.DocumentId,
            Quote = forecast.Quote,
            StartOffset = forecast.Start,
            EndOffset = forecast.End,
            Claim = forecast.Claim,
            Predictor = forecast.Predictor,
            PredictorKey = NameKey.Name(forecast.Predictor),
            Attributed = forecast.Attributed,
            Outlet = request.Outlet,
            Hedge = forecast.Hedge,
            Band = BandName(forecast.Band),
            Probability = forecast.Probability,
            ScaleVersion = forecast.ScaleVersion,
            NonDirectional = ProbabilityScale.IsNonDirectional(forecast.Band),
            Negated = forecast.Negated,
            Horizon = forecast.Horizon ?? "",
            Deadline = forecast.Deadline is { } deadline ? PredictionMapper.Day(deadline) : null,
            ReviewDate = PredictionMapper.Day(forecast.ReviewDate),
            ConditionText = forecast.Condition ?? "",
            PublishedTime = published.ToUnixTimeMilliseconds(),
            PublishedMonth = PredictionMapper.Month(published.ToUnixTimeMilliseconds()),
            Status = PredictionRow.Open,
        };
        var entities = forecast.Entities.Where(e => e.EntityId.Length > 0).DistinctBy(e => e.EntityId)
            .Select(e => new PredictionEntityRow { PredictionId = id, EntityId = e.EntityId, Name = e.CanonicalName }).ToList();
        return (row, entities);
    }

    public static string BandName(ProbabilityBand band) => band switch
    {
        ProbabilityBand.VeryUnlikely => "very-unlikely",
        ProbabilityBand.VeryLikely => "very-likely",
        _ => band.ToString().ToLowerInvariant(),
    };

    private static EntityKind KindOf(Entities.V1.EntityType type) => type switch
    {
        Entities.V1.EntityType.Person => EntityKind.Person,
        Entities.V1.EntityType.Org => EntityKind.Org,
        Entities.V1.EntityType.Gpe => EntityKind.Gpe,
        Entities.V1.EntityType.Loc => EntityKind.Loc,
        Entities.V1.EntityType.Norp => EntityKind.Norp,
        _ => EntityKind.Event,
    };
}
