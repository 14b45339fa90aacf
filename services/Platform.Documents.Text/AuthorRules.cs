namespace Platform.Documents.Text;

/// <summary>
/// Names of the rules that found an article's authors, as recorded in <see cref="ExtractedArticle.AuthorRule"/>.
/// They are stored with the document, so they never change once released.
/// </summary>
public static class AuthorRules
{
    /// <summary>The caller supplied the authors.</summary>
    public const string Given = "given";

    /// <summary>HTML <c>meta[name=author]</c>, <c>[rel=author]</c> or <c>[itemprop=author]</c>.</summary>
    public const string HtmlMeta = "html-meta";

    /// <summary>The <c>author</c> of a schema.org article in an HTML page's JSON-LD.</summary>
    public const string JsonLd = "json-ld";

    /// <summary>An <c>author</c>/<c>authors</c> key in a Markdown document's YAML front matter.</summary>
    public const string FrontMatter = "front-matter";

    /// <summary>A short line near the top: "By Jane Doe", "By Jane Doe and John Roe", "Jane Doe, Reuters".</summary>
    public const string Byline = "byline";

    /// <summary>One of the last paragraphs: "Jane Doe is a senior fellow at …".</summary>
    public const string ClosingBioLine = "closing-bio-line";

    /// <summary>No rule found an author; the article has none rather than a doubtful one.</summary>
    public const string None = "none";
}
