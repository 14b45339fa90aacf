namespace Platform.Documents.Text;

/// <summary>
/// An article reduced to its text and metadata. <see cref="Body"/> is plain text in Unicode NFC with "\n" line
/// ends and paragraphs separated by one blank line; it is what gets stored, hashed and read by the extractors.
/// </summary>
/// <param name="Title">The headline, or null when none was found.</param>
/// <param name="Body">The article text.</param>
/// <param name="Authors">Author names without honorifics; empty when <paramref name="AuthorRule"/> is <c>none</c>.</param>
/// <param name="AuthorRule">Which rule found the authors: one of <see cref="AuthorRules"/>.</param>
/// <param name="PublishedAt">Publication time in UTC, or null.</param>
/// <param name="PublishedRule">Which rule found the time: one of <see cref="PublishedRules"/>.</param>
/// <param name="Language">The page's language tag (HTML <c>lang</c>), or null.</param>
/// <param name="Url">The canonical absolute http(s) URL, or null.</param>
public sealed record ExtractedArticle(
    string? Title,
    string Body,
    IReadOnlyList<string> Authors,
    string AuthorRule,
    DateTimeOffset? PublishedAt,
    string PublishedRule,
    string? Language,
    string? Url);
