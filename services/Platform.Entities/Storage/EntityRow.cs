namespace Platform.Entities.Storage;

// Classes with setters rather than positional records: Dapper then converts column types (SQLite's INTEGER is
// always 64-bit) instead of demanding an exactly matching constructor.

/// <summary>A row of the entities table.</summary>
public sealed class EntityRow
{
    public string Id { get; set; } = "";

    public int Kind { get; set; }

    public string CanonicalName { get; set; } = "";

    public string? MergedInto { get; set; }

    public long MentionCount { get; set; }

    public long DocumentCount { get; set; }

    public long CreateTime { get; set; }

    public long UpdateTime { get; set; }
}

/// <summary>A row of the entity_aliases table.</summary>
public sealed class AliasRow
{
    public string EntityId { get; set; } = "";

    public string Name { get; set; } = "";

    public string NameKey { get; set; } = "";

    public string Source { get; set; } = "";
}

/// <summary>A row of the mentions table.</summary>
public sealed class MentionRow
{
    public string DocumentId { get; set; } = "";

    public int StartOffset { get; set; }

    public int EndOffset { get; set; }

    public string EntityId { get; set; } = "";

    public string Text { get; set; } = "";

    public long PublishedTime { get; set; }
}

/// <summary>A row of the entity_edits table.</summary>
public sealed class EditRow
{
    public long Id { get; set; }

    public string EntityId { get; set; } = "";

    public string Operation { get; set; } = "";

    public string Detail { get; set; } = "";

    public string Editor { get; set; } = "";

    public string Note { get; set; } = "";

    public long EditTime { get; set; }
}

/// <summary>A mention joined with its entity.</summary>
public sealed class DocumentMentionRow
{
    public string EntityId { get; set; } = "";

    public string CanonicalName { get; set; } = "";

    public int Kind { get; set; }

    public string Text { get; set; } = "";

    public int StartOffset { get; set; }

    public int EndOffset { get; set; }
}

/// <summary>A row of the extracted_documents table.</summary>
public sealed class ExtractionRow
{
    public string DocumentId { get; set; } = "";

    public string ContentSha256 { get; set; } = "";

    public string SkippedReason { get; set; } = "";
}

/// <summary>An alias with its entity, for fuzzy lookups.</summary>
public sealed class AliasMatchRow
{
    public string Id { get; set; } = "";

    public int Kind { get; set; }

    public string CanonicalName { get; set; } = "";

    public string NameKey { get; set; } = "";

    public string Name { get; set; } = "";
}

/// <summary>How many mentions an entity has in a document.</summary>
public sealed class EntityCountRow
{
    public string EntityId { get; set; } = "";

    public long Mentions { get; set; }
}
