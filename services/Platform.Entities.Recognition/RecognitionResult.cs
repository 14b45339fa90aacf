namespace Platform.Entities.Recognition;

/// <summary>What the recogniser found in a text, or why it found nothing.</summary>
public sealed record RecognitionResult(IReadOnlyList<DocumentEntity> Entities, int WordCount, string? SkippedReason)
{
    public IEnumerable<(DocumentEntity Entity, RecognizedMention Mention)> Mentions =>
        Entities.SelectMany(e => e.Mentions.Select(m => (e, m))).OrderBy(p => p.m.Start);
}
