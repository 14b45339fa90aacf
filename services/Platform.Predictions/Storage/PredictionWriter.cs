using System.Data.Common;
using System.Globalization;
using Dapper;
using Platform.Predictions.Scoring;
using Platform.Storage;

namespace Platform.Predictions.Storage;

/// <summary>
/// Every write to predictions, each in one transaction with its history record and its score-sum changes, so a
/// forecast, its history and the aggregates can never disagree. History and resolutions are append-only.
/// </summary>
internal sealed class PredictionWriter(SqlDialect dialect, TimeProvider time, ILogger<PredictionWriter> logger) : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>
    /// Replaces each document's forecasts with the ones given and records its extraction, all documents in one
    /// transaction (one writer turn and one commit for a whole batch).
    /// </summary>
    public Task ReplaceDocumentsAsync(IReadOnlyList<DocumentReplacement> documents, CancellationToken cancellationToken) => WriteAsync(async (connection, transaction, scores, now) =>
    {
        foreach (var documentId in await StoredDocumentsAsync(connection, transaction, [.. documents.Select(d => d.DocumentId)], cancellationToken))
        {
            await ForgetAsync(connection, transaction, scores, documentId, cancellationToken);
        }

        await InsertAsync(connection, transaction, scores, [.. documents.SelectMany(d => d.Predictions)], "extractor", "found in the document", now, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO extracted_documents (document_id, content_sha256, extracted_time) VALUES (@DocumentId, @ContentSha256, @now)",
            documents.Select(d => new { d.DocumentId, d.ContentSha256, now }).ToList(), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO document_signals (document_id, published_time, entity_ids, terms) VALUES (@DocumentId, @PublishedTime, @EntityIds, @Terms)",
            documents.Select(d => d.Signals).ToList(), transaction, cancellationToken: cancellationToken));
        return 0;
    }, cancellationToken);

    public Task ForgetDocumentAsync(string documentId, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction, scores, _) => { await ForgetAsync(connection, transaction, scores, documentId, cancellationToken); return 0; }, cancellationToken);

    public Task CreateAsync(PredictionRow row, IReadOnlyList<PredictionEntityRow> entities, string actor, string note, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction, scores, now) =>
        {
            await InsertAsync(connection, transaction, scores, [(row, entities)], actor, note.Length > 0 ? note : "added by hand", now, cancellationToken);
            return 0;
        }, cancellationToken);

    /// <summary>Changes claim, probability or deadline; a resolved forecast's score moves with its probability.</summary>
    public Task UpdateAsync(string id, string? claim, double? probability, string? deadline, string reviewDateIfOpenEnded, string actor, string note,
        CancellationToken cancellationToken) => WriteAsync(async (connection, transaction, scores, now) =>
    {
        var (row, entities) = await LiveAsync(connection, transaction, id, cancellationToken);
        var changes = new List<string>();
        var before = ScoreStore.ContributionOf(row);
        if (claim is not null && claim != row.Claim)
        {
            changes.Add($"claim '{row.Claim}' → '{claim}'");
            row.Claim = claim;
        }

        if (probability is { } p && p != row.Probability)
        {
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"probability {row.Probability:0.###} → {p:0.###}"));
            row.Probability = p;
            row.Band = "editor";
            row.NonDirectional = false;
        }

        if (deadline is not null && deadline != (row.Deadline ?? ""))
        {
            changes.Add($"deadline {row.Deadline ?? "none"} → {(deadline.Length == 0 ? "none" : deadline)}");
            row.Deadline = deadline.Length == 0 ? null : deadline;
            row.ReviewDate = row.Deadline ?? reviewDateIfOpenEnded;
        }

        if (changes.Count == 0)
        {
            return 0;
        }

        if (before is { } old && ScoreStore.ContributionOf(row) is { } updated && old != updated)
        {
            // Directionality may have changed too: take the old contribution out under the old row's groups.
            var previous = await PredictionRepository.GetAsync(connection, transaction, id, cancellationToken);
            scores.Add(previous!, entities, old, -1);
            scores.Add(row, entities, updated, +1);
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE predictions SET claim = @Claim, probability = @Probability, band = @Band, non_directional = @NonDirectional, deadline = @Deadline,
                review_date = @ReviewDate, update_time = @now WHERE id = @Id
            """, new { row.Claim, row.Probability, row.Band, row.NonDirectional, row.Deadline, row.ReviewDate, now, row.Id }, transaction, cancellationToken: cancellationToken));
        await RecordAsync(connection, transaction, id, "updated", string.Join("; ", changes) + (note.Length > 0 ? $" ({note})" : ""), actor, now, cancellationToken);
        return 0;
    }, cancellationToken);

    public Task RejectAsync(string id, string reason, string actor, CancellationToken cancellationToken) => WriteAsync(async (connection, transaction, scores, now) =>
    {
        var (row, entities) = await LiveAsync(connection, transaction, id, cancellationToken);
        TakeOut(scores, row, entities);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE predictions SET status = 4, update_time = @now WHERE id = @id", new { id, now },
            transaction, cancellationToken: cancellationToken));
        await RecordAsync(connection, transaction, id, "rejected", reason.Length > 0 ? reason : "not a forecast", actor, now, cancellationToken);
        return 0;
    }, cancellationToken);

    /// <summary>Appends a resolution; the newest one counts, the scores move from the old outcome to the new.</summary>
    public async Task ResolveAsync(ResolutionRow resolution, CancellationToken cancellationToken)
    {
        using var activity = PredictionsTelemetry.Source.StartActivity("score resolution");
        activity?.SetTag("platform.prediction.id", resolution.PredictionId);
        activity?.SetTag("platform.prediction.outcome", resolution.Outcome);
        await ResolveAndScoreAsync(resolution, cancellationToken);
    }

    private Task<int> ResolveAndScoreAsync(ResolutionRow resolution, CancellationToken cancellationToken) => WriteAsync(async (connection, transaction, scores, now) =>
    {
        var (row, entities) = await LiveAsync(connection, transaction, resolution.PredictionId, cancellationToken);
        if (row is { Status: PredictionRow.Resolved, Outcome: (int)V1.Outcome.Annulled })
        {
            throw new PredictionRuleException(PredictionRule.FinalState,
                $"Prediction '{row.Id}' was annulled (it cannot be judged); an annulled forecast is final and takes no outcome");
        }

        if (resolution.ResolvedTime < Math.Min(row.PublishedTime == 0 ? row.CreateTime : row.PublishedTime, row.CreateTime))
        {
            throw new PredictionRuleException(PredictionRule.Invalid, string.Create(CultureInfo.InvariantCulture,
                $"resolved_time: {DateTimeOffset.FromUnixTimeMilliseconds(resolution.ResolvedTime):yyyy-MM-dd} is before the forecast was made ({DateTimeOffset.FromUnixTimeMilliseconds(row.PublishedTime == 0 ? row.CreateTime : row.PublishedTime):yyyy-MM-dd})"));
        }

        TakeOut(scores, row, entities);
        double? value = resolution.Outcome switch
        {
            (int)V1.Outcome.True => 1,
            (int)V1.Outcome.False => 0,
            (int)V1.Outcome.Partial => resolution.Fraction,
            _ => null,
        };
        row.Status = PredictionRow.Resolved;
        row.Outcome = resolution.Outcome;
        row.OutcomeValue = value;
        if (ScoreStore.ContributionOf(row) is { } contribution)
        {
            scores.Add(row, entities, contribution, +1);
        }

        resolution.RecordTime = now;
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE predictions SET status = 3, outcome = @Outcome, outcome_value = @OutcomeValue, update_time = @now WHERE id = @Id
            """, new { row.Outcome, row.OutcomeValue, now, row.Id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO resolutions (prediction_id, outcome, fraction, evidence_url, evidence_document_id, note, resolved_time, resolver, record_time)
            VALUES (@PredictionId, @Outcome, @Fraction, @EvidenceUrl, @EvidenceDocumentId, @Note, @ResolvedTime, @Resolver, @RecordTime)
            """, resolution, transaction, cancellationToken: cancellationToken));
        var outcome = ((V1.Outcome)resolution.Outcome).ToString().ToUpperInvariant();
        await RecordAsync(connection, transaction, row.Id, "resolved",
            resolution.Outcome == (int)V1.Outcome.Partial ? string.Create(CultureInfo.InvariantCulture, $"{outcome} ({resolution.Fraction:0.##})") : outcome,
            resolution.Resolver, now, cancellationToken);
        return 0;
    }, cancellationToken);

    public void Dispose() => _writer.Dispose();

    /// <summary>
    /// One transaction: the write, then its score changes (in key order), then the commit. SQLite has one writer at a
    /// time, so this process queues its own writers there instead of waiting on the database's lock; on PostgreSQL
    /// writers run side by side (the score rows, the only ones they share, are locked in one order), and a
    /// deadlock or serialization failure runs the whole transaction again.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, ScoreChanges, long, Task<T>> write, CancellationToken cancellationToken)
    {
        var gate = dialect.IsSqlite ? _writer : null;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            return await TransactionRetry.RunAsync(dialect, async token =>
            {
                await using var connection = await dialect.OpenAsync(token);
                await using var transaction = await connection.BeginTransactionAsync(token);
                var scores = new ScoreChanges();
                var result = await write(connection, transaction, scores, time.GetUtcNow().ToUnixTimeMilliseconds());
                await scores.ApplyAsync(connection, transaction, token);
                await transaction.CommitAsync(token);
                return result;
            }, (e, attempt) => PredictionLog.TransactionRetried(logger, attempt, e.Message), cancellationToken);
        }
        finally
        {
            gate?.Release();
        }
    }

    private static async Task<(PredictionRow Row, IReadOnlyList<PredictionEntityRow> Entities)> LiveAsync(DbConnection connection, DbTransaction transaction, string id,
        CancellationToken cancellationToken)
    {
        var row = await PredictionRepository.GetAsync(connection, transaction, id, cancellationToken)
            ?? throw new PredictionRuleException(PredictionRule.NotFound, $"Prediction '{id}' not found");
        if (row.Status == PredictionRow.Rejected)
        {
            throw new PredictionRuleException(PredictionRule.FinalState, $"Prediction '{id}' was rejected as not a forecast; it takes no further changes");
        }

        return (row, await PredictionRepository.EntitiesAsync(connection, transaction, id, cancellationToken));
    }

    /// <summary>Takes a forecast out of its groups' open counts or scores, whichever it is in now.</summary>
    private static void TakeOut(ScoreChanges scores, PredictionRow row, IReadOnlyList<PredictionEntityRow> entities)
    {
        if (row.Status == PredictionRow.Open)
        {
            scores.AddOpen(row, entities, -1);
        }
        else if (ScoreStore.ContributionOf(row) is { } contribution)
        {
            scores.Add(row, entities, contribution, -1);
        }
    }

    /// <summary>New forecasts with their entities, counted open in their groups, each with its "created" history record.</summary>
    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, ScoreChanges scores,
        IReadOnlyList<(PredictionRow Row, IReadOnlyList<PredictionEntityRow> Entities)> predictions, string actor, string detail, long now,
        CancellationToken cancellationToken)
    {
        if (predictions.Count == 0)
        {
            return;
        }

        foreach (var (row, _) in predictions)
        {
            row.CreateTime = now;
            row.UpdateTime = now;
        }

        // Parameter lists: one prepared statement each, run once per row.
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO predictions (id, document_id, quote, start_offset, end_offset, claim, predictor, predictor_key, attributed, outlet, hedge, band,
                probability, scale_version, non_directional, negated, horizon, deadline, review_date, condition_text, published_time, published_month,
                status, outcome, outcome_value, create_time, update_time)
            VALUES (@Id, @DocumentId, @Quote, @StartOffset, @EndOffset, @Claim, @Predictor, @PredictorKey, @Attributed, @Outlet, @Hedge, @Band,
                @Probability, @ScaleVersion, @NonDirectional, @Negated, @Horizon, @Deadline, @ReviewDate, @ConditionText, @PublishedTime, @PublishedMonth,
                @Status, @Outcome, @OutcomeValue, @CreateTime, @UpdateTime)
            """, predictions.Select(p => p.Row).ToList(), transaction, cancellationToken: cancellationToken));
        var links = predictions.SelectMany(p => p.Entities.DistinctBy(e => e.EntityId).Select(entity => new { id = p.Row.Id, entity.EntityId, entity.Name })).ToList();
        if (links.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO prediction_entities (prediction_id, entity_id, name) VALUES (@id, @EntityId, @Name)", links, transaction, cancellationToken: cancellationToken));
        }

        foreach (var (row, entities) in predictions)
        {
            scores.AddOpen(row, [.. entities.DistinctBy(e => e.EntityId)], +1);
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO prediction_history (prediction_id, kind, detail, actor, change_time) VALUES (@id, 'created', @detail, @actor, @now)
            """, predictions.Select(p => new { id = p.Row.Id, detail, actor, now }).ToList(), transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Those of the documents with anything stored (forecasts, an extraction record, signals), to forget before storing them anew.</summary>
    private async Task<IReadOnlyList<string>> StoredDocumentsAsync(DbConnection connection, DbTransaction transaction, string[] documentIds,
        CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<string>(new CommandDefinition($"""
            SELECT document_id FROM extracted_documents WHERE {dialect.IsAnyOf("document_id", "@documentIds")}
            UNION SELECT document_id FROM document_signals WHERE {dialect.IsAnyOf("document_id", "@documentIds")}
            UNION SELECT document_id FROM predictions WHERE {dialect.IsAnyOf("document_id", "@documentIds")}
            """, new { documentIds }, transaction, cancellationToken: cancellationToken))];

    private static async Task ForgetAsync(DbConnection connection, DbTransaction transaction, ScoreChanges scores, string documentId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<PredictionRow>(new CommandDefinition(
            $"SELECT {PredictionRepository.Columns} FROM predictions WHERE document_id = @documentId", new { documentId }, transaction, cancellationToken: cancellationToken));
        foreach (var row in rows)
        {
            TakeOut(scores, row, await PredictionRepository.EntitiesAsync(connection, transaction, row.Id, cancellationToken));
            foreach (var table in new[] { "prediction_entities WHERE prediction_id", "prediction_history WHERE prediction_id", "resolutions WHERE prediction_id", "predictions WHERE id" })
            {
                await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} = @id", new { id = row.Id }, transaction, cancellationToken: cancellationToken));
            }
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM extracted_documents WHERE document_id = @documentId", new { documentId },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM document_signals WHERE document_id = @documentId", new { documentId },
            transaction, cancellationToken: cancellationToken));
    }

    private static Task<int> RecordAsync(DbConnection connection, DbTransaction transaction, string id, string kind, string detail, string actor, long now,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO prediction_history (prediction_id, kind, detail, actor, change_time) VALUES (@id, @kind, @detail, @actor, @now)
            """, new { id, kind, detail, actor, now }, transaction, cancellationToken: cancellationToken));
}

/// <summary>A document's new forecasts (with their entities) and the signals kept for evidence suggestions.</summary>
internal sealed record DocumentReplacement(string DocumentId, string ContentSha256,
    IReadOnlyList<(PredictionRow Row, IReadOnlyList<PredictionEntityRow> Entities)> Predictions, DocumentSignals Signals);
