using Platform.Storage;

namespace Platform.Entities.Storage;

/// <summary>The entity service's schema versions, in order; <see cref="SchemaMigrator"/> applies each once.</summary>
internal static class EntitySchema
{
    public static IReadOnlyList<string> Migrations(SqlDialect dialect) =>
    [
        $"""
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            kind INTEGER NOT NULL,
            canonical_name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            merged_into TEXT NULL,
            mention_count BIGINT NOT NULL,
            document_count BIGINT NOT NULL,
            create_time BIGINT NOT NULL,
            update_time BIGINT NOT NULL
        );
        CREATE UNIQUE INDEX ux_entities_live_name ON entities (kind, name_key) WHERE merged_into IS NULL;
        CREATE INDEX ix_entities_popular ON entities (mention_count DESC, id);
        CREATE TABLE entity_aliases (
            entity_id TEXT NOT NULL REFERENCES entities (id),
            kind INTEGER NOT NULL,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            skeleton TEXT NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (entity_id, name_key)
        );
        CREATE INDEX ix_aliases_key ON entity_aliases (kind, name_key);
        CREATE INDEX ix_aliases_skeleton ON entity_aliases (kind, skeleton);
        CREATE INDEX ix_aliases_any_key ON entity_aliases (name_key);
        CREATE TABLE mentions (
            document_id TEXT NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            entity_id TEXT NOT NULL REFERENCES entities (id),
            text TEXT NOT NULL,
            published_time BIGINT NOT NULL,
            PRIMARY KEY (document_id, start_offset)
        );
        CREATE INDEX ix_mentions_entity ON mentions (entity_id, published_time DESC, document_id DESC, start_offset);
        CREATE TABLE extracted_documents (
            document_id TEXT PRIMARY KEY,
            content_sha256 TEXT NOT NULL,
            skipped_reason TEXT NOT NULL,
            extracted_time BIGINT NOT NULL
        );
        CREATE TABLE entity_edits (
            id {dialect.Serial} PRIMARY KEY,
            entity_id TEXT NOT NULL,
            operation TEXT NOT NULL,
            detail TEXT NOT NULL,
            editor TEXT NOT NULL,
            note TEXT NOT NULL,
            edit_time BIGINT NOT NULL
        );
        CREATE INDEX ix_edits_entity ON entity_edits (entity_id, id);
        """,
    ];
}
