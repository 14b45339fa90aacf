using Platform.Entities.Recognition;

namespace Platform.Predictions.Extraction;

/// <summary>What the extractor reads: the body, when it was published, by whom, and the entities found in it.</summary>
public sealed record ArticleInput(string Body, DateOnly Published, IReadOnlyList<string> Authors, IReadOnlyList<MentionInput> Mentions);

/// <summary>An entity mention of the body (from the entity service), by UTF-16 offsets [Start, End).</summary>
public sealed record MentionInput(int Start, int End, string EntityId, string CanonicalName, EntityKind Kind);
