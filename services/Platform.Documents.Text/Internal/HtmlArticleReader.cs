using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Platform.Documents.Text.Internal;

/// <summary>
/// Reads an HTML page:
/// 1. parse it (AngleSharp, as a browser would, so broken markup still yields a tree);
/// 2. read page metadata while the head and JSON-LD are intact: language, canonical URL, title, author, time;
/// 3. strip boilerplate (<see cref="HtmlBoilerplate"/>);
/// 4. locate the article (<see cref="HtmlContentLocator"/>) and take its first <c>h1</c> as the headline;
/// 5. fall back to authors and times marked up inside the article;
/// 6. render the article to paragraphs (<see cref="HtmlTextRenderer"/>).
/// </summary>
internal static class HtmlArticleReader
{
    private static readonly string[] SiteSeparators = [" | ", " – ", " — ", " - "];

    private static readonly HashSet<string> PublishedMetaNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
        "date", "dc.date", "dc.date.issued", "dcterms.created", "parsely-pub-date", "sailthru.date",
    };

    public static ParsedArticle Read(string html, DateOrder order)
    {
        // 1. Parse.
        using var document = new HtmlParser().ParseDocument(html);
        var article = new ParsedArticle();

        // 2. Page metadata.
        article.Language = Blank(document.DocumentElement.GetAttribute("lang"));
        article.Url = AbsoluteHttpUrl(document.QuerySelector("link[rel~=canonical]")?.GetAttribute("href"))
            ?? AbsoluteHttpUrl(Meta(document, "og:url"));
        var pageTitle = PageTitle(document);

        article.TrySetAuthors(MetaValues(document, "author"), AuthorRules.HtmlMeta);
        foreach (var meta in MetaPairs(document).Where(m => PublishedMetaNames.Contains(m.Name)))
        {
            article.TrySetPublished(meta.Content, order, PublishedRules.HtmlMeta);
        }

        var jsonLd = JsonLdArticle.Find(document.QuerySelectorAll("script[type='application/ld+json']").Select(s => s.TextContent));
        article.TrySetAuthors(jsonLd?.Authors ?? [], AuthorRules.JsonLd);
        article.TrySetPublished(jsonLd?.DatePublished, order, PublishedRules.JsonLd);

        // 3. Boilerplate.
        HtmlBoilerplate.Remove(document);

        // 4. The article and its headline.
        var root = HtmlContentLocator.Locate(document);
        var headline = root.QuerySelectorAll("h1").FirstOrDefault(h => h.TextContent.Trim().Length > 0);
        article.Title = headline is not null ? TextNormalizer.CollapseWhitespace(headline.TextContent) : pageTitle;
        headline?.Remove();

        // 5. Authors and time marked up in the article itself.
        article.TrySetAuthors(
            root.QuerySelectorAll("[itemprop~=author], [rel~=author]").Select(AuthorName),
            AuthorRules.HtmlMeta);
        foreach (var time in root.QuerySelectorAll("[itemprop~=datePublished]"))
        {
            article.TrySetPublished(time.GetAttribute("datetime") ?? time.GetAttribute("content"), order, PublishedRules.HtmlMeta);
        }

        // A time element just outside the article body (a meta line above it) still dates the article; what was
        // in sidebars and related links is gone with the boilerplate.
        foreach (var time in root.QuerySelectorAll("time[datetime]").Concat(document.QuerySelectorAll("time[datetime]")))
        {
            article.TrySetPublished(time.GetAttribute("datetime"), order, PublishedRules.HtmlTime);
        }

        // 6. Text.
        article.Paragraphs.AddRange(HtmlTextRenderer.Render(root));
        return article;
    }

    private static string? PageTitle(IDocument document)
    {
        if (Blank(Meta(document, "og:title")) is { } og)
        {
            return StripSiteName(TextNormalizer.CollapseWhitespace(og), Meta(document, "og:site_name"));
        }

        var title = Blank(document.QuerySelector("head title")?.TextContent);
        return title is null ? null : StripSiteName(TextNormalizer.CollapseWhitespace(title), Meta(document, "og:site_name"));
    }

    // "Headline | Site" loses " | Site" always; a dash suffix only when it is the site's declared name, since
    // "Mosul - what comes next" is a headline.
    private static string StripSiteName(string title, string? siteName)
    {
        foreach (var separator in SiteSeparators)
        {
            var at = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (at <= 0)
            {
                continue;
            }

            var suffix = title[(at + separator.Length)..].Trim();
            if (separator == " | " || string.Equals(suffix, siteName?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return title[..at].Trim();
            }
        }

        return title;
    }

    private static string AuthorName(IElement element) =>
        element.QuerySelector("[itemprop~=name]") is { } name
            ? name.GetAttribute("content") ?? name.TextContent
            : element.GetAttribute("content") ?? element.TextContent;

    private static string? Meta(IDocument document, string name) =>
        MetaPairs(document).FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)).Content;

    // meta[name=author] may list several people: "Jane Doe, John Roe" or "Jane Doe and John Roe".
    private static IEnumerable<string> MetaValues(IDocument document, string name) =>
        MetaPairs(document)
            .Where(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
            .SelectMany(m => m.Content.Split([",", ";", " and ", " & "], StringSplitOptions.TrimEntries));

    private static IEnumerable<(string Name, string Content)> MetaPairs(IDocument document) =>
        document.QuerySelectorAll("meta[content]")
            .Select(m => (Name: m.GetAttribute("property") ?? m.GetAttribute("name") ?? m.GetAttribute("itemprop") ?? string.Empty,
                Content: m.GetAttribute("content") ?? string.Empty))
            .Where(m => m.Name.Length > 0);

    private static string? AbsoluteHttpUrl(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
