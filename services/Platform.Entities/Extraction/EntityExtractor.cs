using System.Diagnostics;
using Dapper;
using Platform.Entities.Recognition;
using Platform.Entities.Recognition.Linking;
using Platform.Entities.Storage;
using Platform.Storage;

namespace Platform.Entities.Extraction;

/// <summary>
/// ExtractEntities end to end, idempotent per (document id, content hash):
///   1. the same document and hash again: answer with the stored mentions, change nothing;
///   2. recognise the entities of the body (outside any transaction: it is pure CPU);
///   3. in one transaction (one for a whole batch): forget an older version of the document, link each entity to
///      its canonical entity (creating it if new), store the mentions, update the counts, record the extraction;
///   4. return the mentions with their canonical entities.
/// SQLite has one writer at a time, so this process queues its own writers instead of waiting on the lock.
/// </summary>
internal sealed class EntityExtractor(SqlDialect dialect, EntityRecognizer recognizer, MentionRepository mentions, TimeProvider time, ILogger<EntityExtractor> logger) : IDisposable
{
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    private RecognitionResult Recognize(ExtractionInput input)
    {
        using var activity = EntitiesTelemetry.Source.StartActivity("recognize entities", ActivityKind.Internal, input.Parent ?? default,
            links: input.Batch is { } batch ? [new ActivityLink(batch)] : null);
        var result = recognizer.Recognize(input.Body);
        activity?.SetTag("platform.document.id", input.DocumentId);
        activity?.SetTag("platform.entities.count", result.Entities.Count);
        return result;
    }

    public async Task<ExtractionOutcome> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken) =>
        (await ExtractManyAsync([input], cancellationToken))[0];

    /// <summary>
    /// Several documents (distinct ids) as <see cref="ExtractAsync"/> does each, with one writer turn and one
    /// transaction for all of them: per document the work is small, and a commit and a turn per document cost more
    /// than it. If the transaction fails, none of them is stored and the caller retries them all (idempotent).
    /// </summary>
    public async Task<IReadOnlyList<ExtractionOutcome>> ExtractManyAsync(IReadOnlyList<ExtractionInput> inputs, CancellationToken cancellationToken)
    {
        // 1.
        var outcomes = new ExtractionOutcome?[inputs.Count];
        var extracted = await mentions.FindExtractionsAsync([.. inputs.Select(i => i.DocumentId)], cancellationToken);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (extracted.TryGetValue(inputs[i].DocumentId, out var done) && done.ContentSha256 == inputs[i].ContentSha256)
            {
                outcomes[i] = new ExtractionOutcome(await mentions.OfDocumentAsync(inputs[i].DocumentId, cancellationToken), done.SkippedReason, []);
            }
        }

        // 2.
        var pending = Enumerable.Range(0, inputs.Count).Where(i => outcomes[i] is null).Select(i => (Index: i, Result: Recognize(inputs[i]))).ToList();
        if (pending.Count > 0)
        {
            // 3.
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var gate = dialect.IsSqlite ? _sqliteWriter : null;
            if (gate is not null)
            {
                await gate.WaitAsync(cancellationToken);
            }

            try
            {
                var (stored, touched) = await TransactionRetry.RunAsync(dialect, token => StoreAllAsync(pending, inputs, now, token),
                    (e, attempt) => EntityLog.TransactionRetried(logger, attempt, e.Message), cancellationToken);

                // 4. (Every outcome names all the entities the transaction changed: callers invalidate their union.)
                for (var k = 0; k < pending.Count; k++)
                {
                    outcomes[pending[k].Index] = new ExtractionOutcome([.. stored[k].OrderBy(m => m.Start)], pending[k].Result.SkippedReason, touched);
                }
            }
            finally
            {
                gate?.Release();
            }
        }

        return [.. outcomes.Select(o => o!)];
    }

    /// <summary>
    /// One attempt at the transaction: older versions of the documents forgotten, every entity linked (the batch's
    /// names looked up together first), the mentions and extraction records stored, then the entities' counts in id order.
    /// </summary>
    private async Task<(List<List<StoredMention>> Stored, HashSet<string> Touched)> StoreAllAsync(List<(int Index, RecognitionResult Result)> pending,
        IReadOnlyList<ExtractionInput> inputs, long now, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var catalogWrites = dialect.IsSqlite ? null : await OpenCatalogWritesAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var catalog = new SqlEntityCatalog(dialect, connection, transaction, now, catalogWrites);
        var documents = pending.Select(p => inputs[p.Index]).ToList();
        foreach (var documentId in await MentionRepository.ExtractedAsync(dialect, connection, transaction, [.. documents.Select(d => d.DocumentId)], cancellationToken))
        {
            catalog.Touched.UnionWith(await MentionRepository.ForgetAsync(connection, transaction, documentId, now, cancellationToken));
        }

        await catalog.PreloadAsync(pending.SelectMany(p => p.Result.Entities).SelectMany(EntityLinker.KeysLookedUp), cancellationToken);
        var linker = new EntityLinker(catalog);
        var counts = new EntityCounts();
        var stored = new List<List<StoredMention>>();
        foreach (var (_, result) in pending)
        {
            var found = new List<StoredMention>();
            foreach (var entity in result.Entities)
            {
                var linked = await linker.LinkAsync(entity, cancellationToken);
                found.AddRange(entity.Mentions.Select(m => new StoredMention(linked.Id, linked.CanonicalName, linked.Kind, m.Text, m.Start, m.End)));
            }

            counts.Add(found);
            stored.Add(found);
        }

        await MentionRepository.InsertAsync(connection, transaction, [.. documents.Select((d, k) => (d.DocumentId, d.PublishedTime, stored[k]))], cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO extracted_documents (document_id, content_sha256, skipped_reason, extracted_time) VALUES (@DocumentId, @ContentSha256, @reason, @now)
            """, documents.Select((d, k) => new { d.DocumentId, d.ContentSha256, reason = pending[k].Result.SkippedReason ?? "", now }).ToList(),
            transaction, cancellationToken: cancellationToken));

        // Last and in id order: concurrent transactions (other replicas, on PostgreSQL) then lock shared entities'
        // rows in the same order, and hold them for the shortest time.
        await counts.ApplyAsync(connection, transaction, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (stored, [.. catalog.Touched, .. counts.Entities]);
    }

    /// <summary>
    /// PostgreSQL: the connection on which new entities and aliases commit one by one (see SqlEntityCatalog). Those
    /// commits do not wait for the disk: the extraction's own commit, which waits, flushes the log up to itself and so
    /// makes them durable too; until then nothing refers to them.
    /// </summary>
    private async Task<System.Data.Common.DbConnection> OpenCatalogWritesAsync(CancellationToken cancellationToken)
    {
        var connection = await dialect.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SET synchronous_commit TO OFF", cancellationToken: cancellationToken));
        return connection;
    }

    public void Dispose() => _sqliteWriter.Dispose();
}

/// <summary>What ExtractEntities was asked to read.</summary>
internal sealed record ExtractionInput(string DocumentId, string ContentSha256, string Body, long PublishedTime)
{
    /// <summary>The span the recognition hangs under, when not the current one (a document of a batch).</summary>
    public ActivityContext? Parent { get; init; }

    /// <summary>The batch call the document came in, linked from its recognition span.</summary>
    public ActivityContext? Batch { get; init; }
}

/// <summary>The mentions found (or stored earlier), why nothing was found if so, and the entities whose data changed.</summary>
internal sealed record ExtractionOutcome(IReadOnlyList<StoredMention> Mentions, string? SkippedReason, IReadOnlyCollection<string> ChangedEntities);

/// <summary>A mention with its canonical entity.</summary>
internal sealed record StoredMention(string EntityId, string CanonicalName, EntityKind Kind, string Text, int Start, int End);
