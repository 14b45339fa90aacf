namespace Platform.Documents.Text;

/// <summary>
/// Names of the rules that found an article's publication time, as recorded in
/// <see cref="ExtractedArticle.PublishedRule"/>. They are stored with the document, so they never change once released.
/// </summary>
public static class PublishedRules
{
    /// <summary>The caller supplied the time.</summary>
    public const string Given = "given";

    /// <summary>HTML <c>meta[property=article:published_time]</c> (or a close variant).</summary>
    public const string HtmlMeta = "html-meta";

    /// <summary><c>datePublished</c> of a schema.org article in an HTML page's JSON-LD.</summary>
    public const string JsonLd = "json-ld";

    /// <summary>The first <c>&lt;time datetime&gt;</c> in the article.</summary>
    public const string HtmlTime = "html-time";

    /// <summary>A <c>date</c>/<c>published</c> key in a Markdown document's YAML front matter.</summary>
    public const string FrontMatter = "front-matter";

    /// <summary>
    /// A date the text states in its opening lines: a date line ("Published on 3 November 2016"), a byline's date or
    /// a news dateline ("LONDON, Nov. 3, 2016 — …").
    /// </summary>
    public const string DateLine = "date-line";

    /// <summary>No time was found, or none that parsed.</summary>
    public const string None = "none";
}
