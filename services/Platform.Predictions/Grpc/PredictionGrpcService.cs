using System.Globalization;
using Grpc.Core;
using Platform.Caching;
using Platform.Contracts;
using Platform.Entities.Recognition;
using Platform.Predictions.Storage;
using Platform.Predictions.V1;

namespace Platform.Predictions.Grpc;

/// <summary>Tracking, resolution and the forecasters' scores. Writes need the caller's identity (set by the gateway).</summary>
internal sealed class PredictionGrpcService(PredictionRepository predictions, PredictionWriter writer, ScoreboardReader scoreboard, EvidenceRepository evidence,
    IPlatformCache cache, PredictionOptions options, TimeProvider time, ILogger<PredictionGrpcService> logger) : PredictionService.PredictionServiceBase
{
    public const string PredictionNamespace = "predictions";
    public const string ScoreboardNamespace = "scoreboard";
    private static readonly CacheCodec<Prediction> Codec = CacheCodec.Protobuf(Prediction.Parser);

    public override Task<Prediction> GetPrediction(GetPredictionRequest request, ServerCallContext context) => GetAsync(request.Id, context.CancellationToken);

    public override async Task<ListPredictionsResponse> ListPredictions(ListPredictionsRequest request, ServerCallContext context)
    {
        var size = PageSizeOf(request.PageSize);
        var from = OptionalDay(request.DeadlineFrom, "deadline_from");
        var to = OptionalDay(request.DeadlineTo, "deadline_to");
        var filters = string.Join('|', request.Predictor, request.Outlet, request.DocumentId, request.EntityId, request.Status, from, to);
        string? before = null;
        if (request.PageToken.Length > 0)
        {
            before = PageToken.Read(request.PageToken, filters, 1)?[0];
            if (before is null)
            {
                RpcErrors.InvalidArgument("page_token", "not a token from this listing (or the filters changed)");
            }
        }

        var status = request.Status switch
        {
            PredictionStatus.Open => PredictionQuery.StatusFilter.Open,
            PredictionStatus.Due => PredictionQuery.StatusFilter.Due,
            PredictionStatus.Resolved => PredictionQuery.StatusFilter.Resolved,
            PredictionStatus.Rejected => PredictionQuery.StatusFilter.Rejected,
            _ => PredictionQuery.StatusFilter.Any,
        };
        var rows = await predictions.ListAsync(new PredictionQuery(Blank(request.Predictor) is { } p ? NameKey.Name(p) : null, Blank(request.Outlet), Blank(request.DocumentId),
            Blank(request.EntityId), status, from, to, Today(), before, size + 1), context.CancellationToken);
        return await PageAsync(rows, size, last => PageToken.Create(filters, last.Id), context.CancellationToken);
    }

    public override async Task<Prediction> CreatePrediction(CreatePredictionRequest request, ServerCallContext context)
    {
        var actor = Actor(context, "CreatePrediction");
        Require(request.Claim, "claim");
        Require(request.Predictor, "predictor");
        Probability(request.Probability, "probability");
        var deadline = OptionalDay(request.Deadline, "deadline");
        var published = request.PublishedTime?.ToDateTimeOffset() ?? time.GetUtcNow();
        var id = PredictionIds.New();
        var row = new PredictionRow
        {
            Id = id,
            DocumentId = request.DocumentId,
            Quote = request.Quote.Length > 0 ? request.Quote : request.Claim,
            Claim = request.Claim.Trim(),
            Predictor = request.Predictor.Trim(),
            PredictorKey = NameKey.Name(request.Predictor),
            Attributed = request.Attributed,
            Outlet = request.Outlet.Trim(),
            Hedge = "",
            Band = "editor",
            Probability = request.Probability,
            ScaleVersion = "",
            Deadline = deadline,
            ReviewDate = deadline ?? PredictionMapper.Day(DateOnly.FromDateTime(published.UtcDateTime).AddDays(options.OpenEndedReviewDays)),
            ConditionText = request.Condition,
            PublishedTime = published.ToUnixTimeMilliseconds(),
            PublishedMonth = PredictionMapper.Month(published.ToUnixTimeMilliseconds()),
            Status = PredictionRow.Open,
            Horizon = "",
        };
        var entities = request.EntityIds.Distinct(StringComparer.Ordinal).Select(e => new PredictionEntityRow { PredictionId = id, EntityId = e, Name = e }).ToList();
        await writer.CreateAsync(row, entities, actor, request.Note, context.CancellationToken);
        await cache.InvalidateNamespaceAsync(ScoreboardNamespace, context.CancellationToken);
        return await GetAsync(id, context.CancellationToken);
    }

    public override async Task<Prediction> UpdatePrediction(UpdatePredictionRequest request, ServerCallContext context)
    {
        var actor = Actor(context, "UpdatePrediction");
        if (request.HasProbability)
        {
            Probability(request.Probability, "probability");
        }

        var deadline = request.HasDeadline ? OptionalDay(request.Deadline, "deadline") ?? "" : null;
        if (request.HasClaim)
        {
            Require(request.Claim, "claim");
        }

        var current = await predictions.GetAsync(request.Id, context.CancellationToken);
        var review = current is null ? "" : PredictionMapper.Day(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(current.PublishedTime).UtcDateTime).AddDays(options.OpenEndedReviewDays));
        await WriteAsync(request.Id, () => writer.UpdateAsync(request.Id, request.HasClaim ? request.Claim.Trim() : null, request.HasProbability ? request.Probability : null,
            deadline, review, actor, request.Note, context.CancellationToken), context.CancellationToken);
        return await GetAsync(request.Id, context.CancellationToken);
    }

    public override async Task<Prediction> RejectPrediction(RejectPredictionRequest request, ServerCallContext context)
    {
        var actor = Actor(context, "RejectPrediction");
        await WriteAsync(request.Id, () => writer.RejectAsync(request.Id, request.Reason.Trim(), actor, context.CancellationToken), context.CancellationToken);
        return await GetAsync(request.Id, context.CancellationToken);
    }

    public override async Task<Prediction> ResolvePrediction(ResolvePredictionRequest request, ServerCallContext context)
    {
        var resolution = Resolution(request, Actor(context, "ResolvePrediction"));
        await WriteAsync(request.Id, () => writer.ResolveAsync(resolution, context.CancellationToken), context.CancellationToken);
        PredictionLog.Resolved(logger, request.Id, request.Outcome, resolution.Resolver);
        return await GetAsync(request.Id, context.CancellationToken);
    }

    public override async Task<ImportResolutionsResponse> ImportResolutions(IAsyncStreamReader<ImportResolutionLine> requestStream, ServerCallContext context)
    {
        var actor = Actor(context, "ImportResolutions");
        var response = new ImportResolutionsResponse();
        var position = 0;
        await foreach (var line in requestStream.ReadAllAsync(context.CancellationToken))
        {
            position++;
            var number = line.Line > 0 ? line.Line : position;
            try
            {
                if (line.Resolution is null)
                {
                    RpcErrors.InvalidArgument("resolution", "missing");
                }

                var resolution = Resolution(line.Resolution, actor);
                await WriteAsync(line.Resolution.Id, () => writer.ResolveAsync(resolution, context.CancellationToken), context.CancellationToken);
                response.Accepted++;
                PredictionLog.Resolved(logger, line.Resolution.Id, line.Resolution.Outcome, actor);
            }
            catch (RpcException e) when (e.StatusCode is not StatusCode.Cancelled and not StatusCode.DeadlineExceeded)
            {
                response.Errors.Add(new ImportError { Line = number, Message = $"{e.StatusCode}: {e.Status.Detail}" });
            }
        }

        return response;
    }

    public override async Task<ListPredictionsResponse> ListDue(ListDueRequest request, ServerCallContext context)
    {
        var size = PageSizeOf(request.PageSize);
        var today = request.AsOf.Length > 0 ? OptionalDay(request.AsOf, "as_of")! : Today();
        (string, string)? after = null;
        if (request.PageToken.Length > 0)
        {
            var position = PageToken.Read(request.PageToken, today, 2);
            if (position is null)
            {
                RpcErrors.InvalidArgument("page_token", "not a token from this listing (or as_of changed)");
            }

            after = (position[0], position[1]);
        }

        var rows = await predictions.DueAsync(today, after, size + 1, context.CancellationToken);
        return await PageAsync(rows, size, last => PageToken.Create(today, last.ReviewDate, last.Id), context.CancellationToken);
    }

    public override async Task<Scoreboard> GetScoreboard(GetScoreboardRequest request, ServerCallContext context)
    {
        var query = ScoreboardQuery.From(request, options.MinimumResolved);
        return await cache.GetOrLoadAsync(ScoreboardNamespace, query.CacheKey, CacheCodec.Protobuf(Scoreboard.Parser),
            ct => scoreboard.ReadAsync(query, ct), TimeSpan.FromMinutes(10), context.CancellationToken);
    }

    public override async Task<PredictorProfile> GetPredictorProfile(GetPredictorProfileRequest request, ServerCallContext context)
    {
        Require(request.Name, "name");
        var recentCount = PageSize.Resolve(request.Recent, 20, 200, "recent");
        var key = NameKey.Name(request.Name);
        var scores = await scoreboard.GroupAsync(ScoreStore.Predictor, key, context.CancellationToken);
        if (scores is null)
        {
            RpcErrors.NotFound("Predictor", request.Name);
        }

        var recent = await predictions.ListAsync(new PredictionQuery(key, null, null, null, PredictionQuery.StatusFilter.Any, null, null, Today(), null,
            recentCount), context.CancellationToken);
        var profile = new PredictorProfile { Name = scores.Value.Name, Scores = scores.Value.Scores };
        profile.Recent.AddRange((await PageAsync(recent, recent.Count, _ => "", context.CancellationToken)).Predictions);
        return profile;
    }

    public override async Task<SuggestEvidenceResponse> SuggestEvidence(SuggestEvidenceRequest request, ServerCallContext context)
    {
        Require(request.DocumentId, "document_id");
        var limit = PageSize.Resolve(request.Limit, 10, 100, "limit");
        var signals = await evidence.SignalsAsync(request.DocumentId, context.CancellationToken);
        if (signals is null)
        {
            RpcErrors.NotFound("Document", request.DocumentId);
        }

        var terms = signals.Terms.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var entityIds = signals.EntityIds.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var candidates = await evidence.CandidatesAsync(entityIds, request.DocumentId, signals.PublishedTime, context.CancellationToken);
        var response = new SuggestEvidenceResponse();
        var ranked = candidates
            .Select(c => (c.Row, c.SharedEntities, Terms: EvidenceTerms.Of(c.Row.Claim).Where(terms.Contains).ToList()))
            .Select(c => (c.Row, c.SharedEntities, c.Terms, Score: c.SharedEntities + 0.5 * c.Terms.Count
                + (c.Row.Deadline is { } d && string.CompareOrdinal(d, PredictionMapper.Day(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(signals.PublishedTime).UtcDateTime))) <= 0 ? 1 : 0)))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Row.Id, StringComparer.Ordinal)
            .Take(limit);
        foreach (var (row, shared, matched, score) in ranked)
        {
            var suggestion = new EvidenceSuggestion { Prediction = await GetAsync(row.Id, context.CancellationToken), Score = Math.Round(score, 3) };
            suggestion.Reasons.Add($"{shared} shared {(shared == 1 ? "entity" : "entities")}");
            if (matched.Count > 0)
            {
                suggestion.Reasons.Add("key terms: " + string.Join(", ", matched));
            }

            if (row.Deadline is { } deadline)
            {
                suggestion.Reasons.Add($"deadline {deadline}");
            }

            response.Suggestions.Add(suggestion);
        }

        return response;
    }

    private async Task<Prediction> GetAsync(string id, CancellationToken cancellationToken)
    {
        Require(id, "id");
        var message = await cache.GetOrLoadAsync(PredictionNamespace, id, Codec, async ct =>
        {
            var full = await predictions.GetFullAsync(id, ct);
            return full is { } f ? PredictionMapper.ToMessage(f.Row, f.Entities, f.Resolutions, f.History, Today()) : new Prediction();
        }, cancellationToken: cancellationToken);
        if (message.Id.Length == 0)
        {
            RpcErrors.NotFound("Prediction", id);
        }

        // OPEN turns DUE with the calendar, not with a write: decide it at read time.
        if (message.Status is PredictionStatus.Open or PredictionStatus.Due)
        {
            message = message.Clone();
            message.Status = string.CompareOrdinal(message.ReviewDate, Today()) <= 0 ? PredictionStatus.Due : PredictionStatus.Open;
        }

        return message;
    }

    private async Task<ListPredictionsResponse> PageAsync(IReadOnlyList<PredictionRow> rows, int size, Func<PredictionRow, string> token, CancellationToken cancellationToken)
    {
        var response = new ListPredictionsResponse();
        foreach (var row in rows.Take(size))
        {
            response.Predictions.Add(await GetAsync(row.Id, cancellationToken));
        }

        if (rows.Count > size)
        {
            response.NextPageToken = token(rows[size - 1]);
        }

        return response;
    }

    private async Task WriteAsync(string id, Func<Task> write, CancellationToken cancellationToken)
    {
        Require(id, "id");
        try
        {
            await write();
        }
        catch (PredictionRuleException e)
        {
            switch (e.Kind)
            {
                case PredictionRule.NotFound:
                    RpcErrors.NotFound("Prediction", id);
                    break;
                case PredictionRule.FinalState:
                    throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
                default:
                    throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
            }
        }

        await cache.InvalidateAsync(PredictionNamespace, id, cancellationToken);
        await cache.InvalidateNamespaceAsync(ScoreboardNamespace, cancellationToken);
    }

    private ResolutionRow Resolution(ResolvePredictionRequest request, string actor)
    {
        if (request.Outcome == Outcome.Unspecified || !Enum.IsDefined(request.Outcome))
        {
            RpcErrors.InvalidArgument("outcome", "one of TRUE, FALSE, PARTIAL (with a fraction) or ANNULLED");
        }

        if (request.Outcome == Outcome.Partial && request.Fraction is <= 0 or >= 1 || double.IsNaN(request.Fraction))
        {
            RpcErrors.InvalidArgument("fraction", "a PARTIAL outcome needs a fraction strictly between 0 and 1");
        }

        if (request.Outcome != Outcome.Partial && request.Fraction != 0)
        {
            RpcErrors.InvalidArgument("fraction", "only a PARTIAL outcome takes a fraction");
        }

        if (request.EvidenceUrl.Length > 0 && !(Uri.TryCreate(request.EvidenceUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            RpcErrors.InvalidArgument("evidence_url", $"'{request.EvidenceUrl}' is not an absolute http(s) URL");
        }

        var resolved = request.ResolvedTime?.ToDateTimeOffset() ?? time.GetUtcNow();
        if (resolved > time.GetUtcNow().AddDays(1))
        {
            RpcErrors.InvalidArgument("resolved_time", "is in the future");
        }

        return new ResolutionRow
        {
            PredictionId = request.Id,
            Outcome = (int)request.Outcome,
            Fraction = request.Fraction,
            EvidenceUrl = request.EvidenceUrl,
            EvidenceDocumentId = request.EvidenceDocumentId,
            Note = request.Note,
            ResolvedTime = resolved.ToUnixTimeMilliseconds(),
            Resolver = actor,
        };
    }

    private static string Actor(ServerCallContext context, string operation)
    {
        var identity = context.RequestHeaders.GetValue(CallerMetadata.Identity);
        if (string.IsNullOrWhiteSpace(identity))
        {
            RpcErrors.Unauthenticated($"{operation} changes a forecast and needs the caller's identity ({CallerMetadata.Identity} metadata, set by the gateway)");
        }

        return identity;
    }

    private static void Probability(double value, string field)
    {
        if (double.IsNaN(value) || value is < 0 or > 1)
        {
            RpcErrors.InvalidArgument(field, string.Create(CultureInfo.InvariantCulture, $"{value} is outside [0, 1]"));
        }
    }

    private static void Require(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            RpcErrors.InvalidArgument(field, "required");
        }
    }

    private static string? OptionalDay(string text, string field)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var day = PredictionMapper.ParseDay(text);
        if (day is null)
        {
            RpcErrors.InvalidArgument(field, $"'{text}' is not a date in the form yyyy-mm-dd");
        }

        return PredictionMapper.Day(day.Value);
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int PageSizeOf(int requested) => PageSize.Resolve(requested, 50, 500);

    private string Today() => PredictionMapper.Day(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
}
