using Platform.Documents.Text.Internal;

namespace Platform.Documents.Text;

/// <summary>
/// Reduces raw article content to an <see cref="ExtractedArticle"/>: normalised paragraphs plus title, authors,
/// publication time, language and canonical URL, each with the rule that found it.
/// </summary>
/// <remarks>
/// Authors come from, in order: the caller's hints; HTML metadata (<c>meta[name=author]</c>, JSON-LD,
/// <c>[itemprop=author]</c>, <c>[rel=author]</c>) or Markdown front matter; a byline near the top ("By Jane Doe");
/// a closing bio line ("Jane Doe is a senior fellow at …"). When none applies the article has no author: a
/// wrong author would put someone else's forecasts on a person's record, a missing one only leaves them
/// unattributed. The body is never changed by author detection, so the content hash does not depend on it.
/// </remarks>
public static class ArticleTextExtractor
{
    private static readonly ArticleHints NoHints = new();

    public static ExtractedArticle Extract(string content, ContentFormat format, ArticleHints? hints = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        hints ??= NoHints;

        var parsed = format switch
        {
            ContentFormat.PlainText => PlainTextReader.Read(content),
            ContentFormat.Html => HtmlArticleReader.Read(content, hints.DateOrder),
            ContentFormat.Markdown => MarkdownArticleReader.Read(content, hints.DateOrder),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown content format"),
        };

        var paragraphs = parsed.Paragraphs.Select(TextNormalizer.CleanParagraph).Where(p => p.Length > 0).ToList();
        var title = Clean(hints.Title) ?? Clean(parsed.Title);
        var (authors, authorRule) = Authors(hints, parsed, paragraphs);
        var (publishedAt, publishedRule) = hints.PublishedAt is { } given
            ? (given.ToUniversalTime(), PublishedRules.Given)
            : parsed.PublishedAt is not null
                ? (parsed.PublishedAt, parsed.PublishedRule)
                : DateLineRule.Find(paragraphs, hints.DateOrder) is { } stated
                    ? (stated, PublishedRules.DateLine)
                    : ((DateTimeOffset?)null, PublishedRules.None);

        return new ExtractedArticle(
            title,
            string.Join("\n\n", paragraphs),
            authors,
            authorRule,
            publishedAt,
            publishedRule,
            parsed.Language,
            Clean(hints.Url) ?? parsed.Url);
    }

    private static (IReadOnlyList<string> Authors, string Rule) Authors(ArticleHints hints, ParsedArticle parsed, List<string> paragraphs)
    {
        var given = hints.Authors?.Select(Clean).OfType<string>().ToList();
        if (given is { Count: > 0 })
        {
            return (given, AuthorRules.Given);
        }

        if (parsed.Authors.Count > 0)
        {
            return (parsed.Authors, parsed.AuthorRule);
        }

        var byline = BylineRule.Find(paragraphs);
        if (byline.Count > 0)
        {
            return (byline, AuthorRules.Byline);
        }

        var bio = ClosingBioRule.Find(paragraphs);
        return bio.Count > 0 ? (bio, AuthorRules.ClosingBioLine) : ([], AuthorRules.None);
    }

    private static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : TextNormalizer.CleanParagraph(value).Replace('\n', ' ');
}
