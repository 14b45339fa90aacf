using System.Data.Common;
using Dapper;
using Platform.Storage;

namespace Platform.Predictions.Storage;

/// <summary>Reading predictions: by id, by document, filtered lists, the due queue, and their history.</summary>
internal sealed class PredictionRepository(SqlDialect dialect)
{
    public const string Columns = """
        id AS Id, document_id AS DocumentId, quote AS Quote, start_offset AS StartOffset, end_offset AS EndOffset, claim AS Claim,
        predictor AS Predictor, predictor_key AS PredictorKey, attributed AS Attributed, outlet AS Outlet, hedge AS Hedge, band AS Band,
        probability AS Probability, scale_version AS ScaleVersion, non_directional AS NonDirectional, negated AS Negated, horizon AS Horizon,
        deadline AS Deadline, review_date AS ReviewDate, condition_text AS ConditionText, published_time AS PublishedTime,
        published_month AS PublishedMonth, status AS Status, outcome AS Outcome, outcome_value AS OutcomeValue, create_time AS CreateTime,
        update_time AS UpdateTime
        """;

    public SqlDialect Dialect => dialect;

    public async Task<PredictionRow?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await GetAsync(connection, null, id, cancellationToken);
    }

    public static Task<PredictionRow?> GetAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<PredictionRow>(new CommandDefinition($"SELECT {Columns} FROM predictions WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<PredictionEntityRow>> EntitiesAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<PredictionEntityRow>(new CommandDefinition(
            "SELECT prediction_id AS PredictionId, entity_id AS EntityId, name AS Name FROM prediction_entities WHERE prediction_id = @id ORDER BY name",
            new { id }, transaction, cancellationToken: cancellationToken))];

    /// <summary>A prediction with everything a reader sees: entities, resolutions and history.</summary>
    public async Task<(PredictionRow Row, IReadOnlyList<PredictionEntityRow> Entities, IReadOnlyList<ResolutionRow> Resolutions, IReadOnlyList<HistoryRow> History)?> GetFullAsync(
        string id, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var row = await GetAsync(connection, null, id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var resolutions = await connection.QueryAsync<ResolutionRow>(new CommandDefinition("""
            SELECT prediction_id AS PredictionId, outcome AS Outcome, fraction AS Fraction, evidence_url AS EvidenceUrl, evidence_document_id AS EvidenceDocumentId,
                note AS Note, resolved_time AS ResolvedTime, resolver AS Resolver, record_time AS RecordTime
            FROM resolutions WHERE prediction_id = @id ORDER BY id
            """, new { id }, cancellationToken: cancellationToken));
        var history = await connection.QueryAsync<HistoryRow>(new CommandDefinition("""
            SELECT prediction_id AS PredictionId, kind AS Kind, detail AS Detail, actor AS Actor, change_time AS ChangeTime
            FROM prediction_history WHERE prediction_id = @id ORDER BY id
            """, new { id }, cancellationToken: cancellationToken));
        return (row, await EntitiesAsync(connection, null, id, cancellationToken), [.. resolutions], [.. history]);
    }

    public async Task<IReadOnlyList<string>> IdsOfDocumentAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM predictions WHERE document_id = @documentId ORDER BY start_offset", new { documentId }, cancellationToken: cancellationToken))];
    }

    /// <summary>The content hash each of the documents was extracted at, for those extracted.</summary>
    public async Task<Dictionary<string, string>> ExtractedHashesAsync(IEnumerable<string> documentIds, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string DocumentId, string ContentSha256)>(new CommandDefinition(
            $"SELECT document_id, content_sha256 FROM extracted_documents WHERE {dialect.IsAnyOf("document_id", "@ids")}",
            new { ids = documentIds.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.DocumentId, r => r.ContentSha256, StringComparer.Ordinal);
    }

    /// <summary>Newest first by id; keyset after <see cref="PredictionQuery.BeforeId"/>.</summary>
    public async Task<IReadOnlyList<PredictionRow>> ListAsync(PredictionQuery query, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        var parameters = new DynamicParameters();
        void Add(string clause, string name, object? value)
        {
            where.Add(clause);
            parameters.Add(name, value);
        }

        if (query.PredictorKey is { } predictor)
        {
            Add("predictor_key = @predictor", "predictor", predictor);
        }

        if (query.Outlet is { } outlet)
        {
            Add("LOWER(outlet) = @outlet", "outlet", outlet.ToLowerInvariant());
        }

        if (query.DocumentId is { } document)
        {
            Add("document_id = @document", "document", document);
        }

        if (query.EntityId is { } entity)
        {
            Add("id IN (SELECT prediction_id FROM prediction_entities WHERE entity_id = @entity)", "entity", entity);
        }

        if (query.DeadlineFrom is { } from)
        {
            Add("deadline >= @from", "from", from);
        }

        if (query.DeadlineTo is { } to)
        {
            Add("deadline <= @to", "to", to);
        }

        switch (query.Status)
        {
            case PredictionQuery.StatusFilter.Open:
                Add("status = 1 AND review_date > @today", "today", query.Today);
                break;
            case PredictionQuery.StatusFilter.Due:
                Add("status = 1 AND review_date <= @today", "today", query.Today);
                break;
            case PredictionQuery.StatusFilter.Resolved:
                where.Add("status = 3");
                break;
            case PredictionQuery.StatusFilter.Rejected:
                where.Add("status = 4");
                break;
            default:
                where.Add("status <> 4");
                break;
        }

        if (query.BeforeId is { } before)
        {
            Add("id < @before", "before", before);
        }

        parameters.Add("limit", query.Limit);
        var order = query.Status == PredictionQuery.StatusFilter.Due && query.BeforeId is null && query.DueOrder ? "review_date, id" : "id DESC";
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<PredictionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM predictions WHERE {string.Join(" AND ", where)} ORDER BY {order} LIMIT @limit", parameters, cancellationToken: cancellationToken))];
    }

    /// <summary>The due queue, oldest due first, keyset after (review date, id).</summary>
    public async Task<IReadOnlyList<PredictionRow>> DueAsync(string today, (string ReviewDate, string Id)? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var keyset = after is null ? "" : " AND (review_date > @afterDate OR (review_date = @afterDate AND id > @afterId))";
        return [.. await connection.QueryAsync<PredictionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM predictions WHERE status = 1 AND review_date <= @today{keyset} ORDER BY review_date, id LIMIT @limit",
            new { today, afterDate = after?.ReviewDate, afterId = after?.Id, limit }, cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<PredictionEntityRow>> EntitiesOfAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await dialect.OpenAsync(cancellationToken);
        var parameters = new DynamicParameters();
        var names = ids.Select((id, i) => { parameters.Add("p" + i, id); return "@p" + i; });
        return [.. await connection.QueryAsync<PredictionEntityRow>(new CommandDefinition(
            $"SELECT prediction_id AS PredictionId, entity_id AS EntityId, name AS Name FROM prediction_entities WHERE prediction_id IN ({string.Join(", ", names)})",
            parameters, cancellationToken: cancellationToken))];
    }
}

/// <summary>The filters of ListPredictions, normalised.</summary>
internal sealed record PredictionQuery(string? PredictorKey, string? Outlet, string? DocumentId, string? EntityId, PredictionQuery.StatusFilter Status,
    string? DeadlineFrom, string? DeadlineTo, string Today, string? BeforeId, int Limit, bool DueOrder = false)
{
    public enum StatusFilter
    {
        Any,
        Open,
        Due,
        Resolved,
        Rejected,
    }
}
