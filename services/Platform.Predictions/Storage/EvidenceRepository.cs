using Dapper;
using Platform.Storage;

namespace Platform.Predictions.Storage;

/// <summary>The open forecasts a document may settle: those about its entities, made before it was published.</summary>
internal sealed class EvidenceRepository(SqlDialect dialect)
{
    public async Task<DocumentSignals?> SignalsAsync(string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DocumentSignals>(new CommandDefinition("""
            SELECT document_id AS DocumentId, published_time AS PublishedTime, entity_ids AS EntityIds, terms AS Terms FROM document_signals WHERE document_id = @documentId
            """, new { documentId }, cancellationToken: cancellationToken));
    }

    /// <summary>Open forecasts sharing at least one entity, from other documents, published before <paramref name="before"/>; with how many entities they share.</summary>
    public async Task<IReadOnlyList<(PredictionRow Row, int SharedEntities)>> CandidatesAsync(IReadOnlyCollection<string> entityIds, string documentId, long before,
        CancellationToken cancellationToken)
    {
        if (entityIds.Count == 0)
        {
            return [];
        }

        var parameters = new DynamicParameters(new { documentId, before });
        var names = entityIds.Select((id, i) => { parameters.Add("e" + i, id); return "@e" + i; });
        await using var connection = await dialect.OpenAsync(cancellationToken);
        var shared = (await connection.QueryAsync<SharedCount>(new CommandDefinition($"""
            SELECT p.id AS Id, COUNT(*) AS Shared FROM prediction_entities pe JOIN predictions p ON p.id = pe.prediction_id
            WHERE pe.entity_id IN ({string.Join(", ", names)}) AND p.status = 1 AND p.document_id <> @documentId AND p.published_time <= @before
            GROUP BY p.id ORDER BY COUNT(*) DESC LIMIT 200
            """, parameters, cancellationToken: cancellationToken))).ToDictionary(r => r.Id, r => (int)r.Shared, StringComparer.Ordinal);
        if (shared.Count == 0)
        {
            return [];
        }

        var idParameters = new DynamicParameters();
        var idNames = shared.Keys.Select((id, i) => { idParameters.Add("p" + i, id); return "@p" + i; });
        var rows = await connection.QueryAsync<PredictionRow>(new CommandDefinition(
            $"SELECT {PredictionRepository.Columns} FROM predictions WHERE id IN ({string.Join(", ", idNames)})", idParameters, cancellationToken: cancellationToken));
        return [.. rows.Select(r => (r, shared[r.Id]))];
    }
}

/// <summary>How many entities a forecast shares with a document.</summary>
internal sealed class SharedCount
{
    public string Id { get; set; } = "";

    public long Shared { get; set; }
}
