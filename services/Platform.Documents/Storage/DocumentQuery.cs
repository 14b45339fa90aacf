namespace Platform.Documents.Storage;

/// <summary>ListDocuments filters (all optional, combined with AND), and the keyset position.</summary>
public sealed record DocumentQuery(
    string? AuthorKey,
    string? Outlet,
    long? PublishedAfter,
    long? PublishedBefore,
    IReadOnlyList<string> Words,
    int? StageState,
    string? BeforeId,
    int Limit);
