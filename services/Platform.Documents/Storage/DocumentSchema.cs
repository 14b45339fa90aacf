using Platform.Storage;

namespace Platform.Documents.Storage;

/// <summary>The document service's schema versions, in order; <see cref="SchemaMigrator"/> applies each once.</summary>
internal static class DocumentSchema
{
    public static IReadOnlyList<string> Migrations(SqlDialect dialect) =>
    [
        $"""
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            authors TEXT NOT NULL,
            author_rule TEXT NOT NULL,
            outlet TEXT NOT NULL,
            url TEXT NOT NULL,
            language TEXT NOT NULL,
            published_time BIGINT NULL,
            ingested_time BIGINT NOT NULL,
            update_time BIGINT NOT NULL,
            content_sha256 TEXT NOT NULL UNIQUE,
            request_id TEXT NULL UNIQUE,
            labels TEXT NOT NULL,
            entities_state INTEGER NOT NULL,
            entities_reason TEXT NOT NULL,
            entities_attempts INTEGER NOT NULL,
            entities_updated BIGINT NOT NULL,
            predictions_state INTEGER NOT NULL,
            predictions_reason TEXT NOT NULL,
            predictions_attempts INTEGER NOT NULL,
            predictions_updated BIGINT NOT NULL
        );
        CREATE INDEX ix_documents_published ON documents (published_time);
        CREATE INDEX ix_documents_outlet ON documents (outlet);
        CREATE TABLE document_authors (
            document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            author_key TEXT NOT NULL,
            PRIMARY KEY (document_id, author_key)
        );
        CREATE INDEX ix_document_authors_key ON document_authors (author_key);
        CREATE TABLE outbox (
            id {dialect.Serial} PRIMARY KEY,
            document_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            created_time BIGINT NOT NULL,
            next_attempt_time BIGINT NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT NOT NULL
        );
        CREATE INDEX ix_outbox_next ON outbox (next_attempt_time);
        """,

        // The W3C traceparent of the request that wrote the entry, so the hand-off continues that request's trace.
        "ALTER TABLE outbox ADD COLUMN trace_parent TEXT NOT NULL DEFAULT ''",

        // Claims are leases, and take only a document's oldest entry (see OutboxRepository.ClaimAsync).
        """
        ALTER TABLE outbox ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
        CREATE INDEX ix_outbox_document ON outbox (document_id, id);
        """,
    ];
}
