namespace Platform.Predictions.Storage;

// Classes with setters: Dapper converts column types (SQLite's INTEGER is always 64-bit).

/// <summary>A row of the predictions table.</summary>
public sealed class PredictionRow
{
    public const int Open = 1;
    public const int Resolved = 3;
    public const int Rejected = 4;

    public string Id { get; set; } = "";

    public string DocumentId { get; set; } = "";

    public string Quote { get; set; } = "";

    public int StartOffset { get; set; }

    public int EndOffset { get; set; }

    public string Claim { get; set; } = "";

    public string Predictor { get; set; } = "";

    public string PredictorKey { get; set; } = "";

    public bool Attributed { get; set; }

    public string Outlet { get; set; } = "";

    public string Hedge { get; set; } = "";

    public string Band { get; set; } = "";

    public double Probability { get; set; }

    public string ScaleVersion { get; set; } = "";

    public bool NonDirectional { get; set; }

    public bool Negated { get; set; }

    public string Horizon { get; set; } = "";

    public string? Deadline { get; set; }

    public string ReviewDate { get; set; } = "";

    public string ConditionText { get; set; } = "";

    public long PublishedTime { get; set; }

    public string PublishedMonth { get; set; } = "";

    public int Status { get; set; }

    public int? Outcome { get; set; }

    public double? OutcomeValue { get; set; }

    public long CreateTime { get; set; }

    public long UpdateTime { get; set; }
}

/// <summary>A row of prediction_entities.</summary>
public sealed class PredictionEntityRow
{
    public string PredictionId { get; set; } = "";

    public string EntityId { get; set; } = "";

    public string Name { get; set; } = "";
}

/// <summary>A row of prediction_history.</summary>
public sealed class HistoryRow
{
    public string PredictionId { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Detail { get; set; } = "";

    public string Actor { get; set; } = "";

    public long ChangeTime { get; set; }
}

/// <summary>A row of resolutions.</summary>
public sealed class ResolutionRow
{
    public string PredictionId { get; set; } = "";

    public int Outcome { get; set; }

    public double Fraction { get; set; }

    public string EvidenceUrl { get; set; } = "";

    public string EvidenceDocumentId { get; set; } = "";

    public string Note { get; set; } = "";

    public long ResolvedTime { get; set; }

    public string Resolver { get; set; } = "";

    public long RecordTime { get; set; }
}

/// <summary>What SuggestEvidence needs of a document: when it was published, its entities and key terms (space-separated).</summary>
public sealed class DocumentSignals
{
    public string DocumentId { get; set; } = "";

    public long PublishedTime { get; set; }

    public string EntityIds { get; set; } = "";

    public string Terms { get; set; } = "";
}
