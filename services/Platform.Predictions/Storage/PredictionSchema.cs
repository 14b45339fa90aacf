using Platform.Storage;

namespace Platform.Predictions.Storage;

/// <summary>The prediction service's schema versions, in order; <see cref="SchemaMigrator"/> applies each once.</summary>
internal static class PredictionSchema
{
    public static IReadOnlyList<string> Migrations(SqlDialect dialect) =>
    [
        $"""
        CREATE TABLE predictions (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL,
            quote TEXT NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            claim TEXT NOT NULL,
            predictor TEXT NOT NULL,
            predictor_key TEXT NOT NULL,
            attributed BOOLEAN NOT NULL,
            outlet TEXT NOT NULL,
            hedge TEXT NOT NULL,
            band TEXT NOT NULL,
            probability DOUBLE PRECISION NOT NULL,
            scale_version TEXT NOT NULL,
            non_directional BOOLEAN NOT NULL,
            negated BOOLEAN NOT NULL,
            horizon TEXT NOT NULL,
            deadline TEXT NULL,
            review_date TEXT NOT NULL,
            condition_text TEXT NOT NULL,
            published_time BIGINT NOT NULL,
            published_month TEXT NOT NULL,
            status INTEGER NOT NULL,
            outcome INTEGER NULL,
            outcome_value DOUBLE PRECISION NULL,
            create_time BIGINT NOT NULL,
            update_time BIGINT NOT NULL
        );
        CREATE INDEX ix_predictions_document ON predictions (document_id);
        CREATE INDEX ix_predictions_predictor ON predictions (predictor_key, id);
        CREATE INDEX ix_predictions_outlet ON predictions (outlet, id);
        CREATE INDEX ix_predictions_due ON predictions (status, review_date);
        CREATE TABLE prediction_entities (
            prediction_id TEXT NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
            entity_id TEXT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (prediction_id, entity_id)
        );
        CREATE INDEX ix_prediction_entities_entity ON prediction_entities (entity_id, prediction_id);
        CREATE TABLE prediction_history (
            id {dialect.Serial} PRIMARY KEY,
            prediction_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL,
            actor TEXT NOT NULL,
            change_time BIGINT NOT NULL
        );
        CREATE INDEX ix_history_prediction ON prediction_history (prediction_id, id);
        CREATE TABLE resolutions (
            id {dialect.Serial} PRIMARY KEY,
            prediction_id TEXT NOT NULL,
            outcome INTEGER NOT NULL,
            fraction DOUBLE PRECISION NOT NULL,
            evidence_url TEXT NOT NULL,
            evidence_document_id TEXT NOT NULL,
            note TEXT NOT NULL,
            resolved_time BIGINT NOT NULL,
            resolver TEXT NOT NULL,
            record_time BIGINT NOT NULL
        );
        CREATE INDEX ix_resolutions_prediction ON resolutions (prediction_id, id);
        CREATE TABLE extracted_documents (
            document_id TEXT PRIMARY KEY,
            content_sha256 TEXT NOT NULL,
            extracted_time BIGINT NOT NULL
        );
        CREATE TABLE document_signals (
            document_id TEXT PRIMARY KEY,
            published_time BIGINT NOT NULL,
            entity_ids TEXT NOT NULL,
            terms TEXT NOT NULL
        );
        CREATE TABLE score_sums (
            group_kind INTEGER NOT NULL,
            group_key TEXT NOT NULL,
            month TEXT NOT NULL,
            directional INTEGER NOT NULL,
            group_name TEXT NOT NULL,
            n BIGINT NOT NULL,
            sum_p DOUBLE PRECISION NOT NULL,
            sum_o DOUBLE PRECISION NOT NULL,
            sum_sq DOUBLE PRECISION NOT NULL,
            sum_log DOUBLE PRECISION NOT NULL,
            hits BIGINT NOT NULL,
            hit_n BIGINT NOT NULL,
            vague BIGINT NOT NULL,
            open_n BIGINT NOT NULL,
            PRIMARY KEY (group_kind, month, directional, group_key)
        );
        CREATE INDEX ix_scores_rank ON score_sums (group_kind, month, directional, n);
        CREATE TABLE score_bins (
            group_kind INTEGER NOT NULL,
            group_key TEXT NOT NULL,
            month TEXT NOT NULL,
            directional INTEGER NOT NULL,
            bin INTEGER NOT NULL,
            n BIGINT NOT NULL,
            sum_p DOUBLE PRECISION NOT NULL,
            sum_o DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (group_kind, group_key, month, directional, bin)
        );
        """,
    ];
}
