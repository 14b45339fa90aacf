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
///   3. in one transaction: forget an older version of the document, link each entity to its canonical
///      entity (creating it if new), store the mentions, update the counts, record the extraction;
///   4. return the mentions with their canonical entities.
/// SQLite has one writer at a time, so this process queues its own writers instead of waiting on the lock.
/// </summary>
internal sealed class EntityExtractor(SqlDialect dialect, EntityRecognizer recognizer, MentionRepository mentions, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    private RecognitionResult Recognize(ExtractionInput input)
    {
        using var activity = EntitiesTelemetry.Source.StartActivity("recognize entities");
        var result = recognizer.Recognize(input.Body);
        activity?.SetTag("platform.document.id", input.DocumentId);
        activity?.SetTag("platform.entities.count", result.Entities.Count);
        return result;
    }

    public async Task<ExtractionOutcome> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken)
    {
        // 1.
        if (await mentions.FindExtractionAsync(input.DocumentId, cancellationToken) is { } done && done.ContentSha256 == input.ContentSha256)
        {
            return new ExtractionOutcome(await mentions.OfDocumentAsync(input.DocumentId, cancellationToken), done.SkippedReason, []);
        }

        // 2.
        var result = Recognize(input);

        // 3.
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var gate = dialect.IsSqlite ? _sqliteWriter : null;
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        try
        {
            await using var connection = await dialect.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var touched = await MentionRepository.ForgetAsync(connection, transaction, input.DocumentId, now, cancellationToken);
            var catalog = new SqlEntityCatalog(connection, transaction, now);
            var linker = new EntityLinker(catalog);
            var stored = new List<StoredMention>();
            foreach (var entity in result.Entities)
            {
                var linked = await linker.LinkAsync(entity, cancellationToken);
                foreach (var mention in entity.Mentions)
                {
                    stored.Add(new StoredMention(linked.Id, linked.CanonicalName, linked.Kind, mention.Text, mention.Start, mention.End));
                }
            }

            await MentionRepository.InsertAsync(connection, transaction, input.DocumentId, input.PublishedTime, stored, now, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO extracted_documents (document_id, content_sha256, skipped_reason, extracted_time) VALUES (@DocumentId, @ContentSha256, @reason, @now)
                """, new { input.DocumentId, input.ContentSha256, reason = result.SkippedReason ?? "", now }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);

            // 4.
            touched.UnionWith(catalog.Touched);
            return new ExtractionOutcome([.. stored.OrderBy(m => m.Start)], result.SkippedReason, touched);
        }
        finally
        {
            gate?.Release();
        }
    }

    public void Dispose() => _sqliteWriter.Dispose();
}

/// <summary>What ExtractEntities was asked to read.</summary>
internal sealed record ExtractionInput(string DocumentId, string ContentSha256, string Body, long PublishedTime);

/// <summary>The mentions found (or stored earlier), why nothing was found if so, and the entities whose data changed.</summary>
internal sealed record ExtractionOutcome(IReadOnlyList<StoredMention> Mentions, string? SkippedReason, IReadOnlyCollection<string> ChangedEntities);

/// <summary>A mention with its canonical entity.</summary>
internal sealed record StoredMention(string EntityId, string CanonicalName, EntityKind Kind, string Text, int Start, int End);
