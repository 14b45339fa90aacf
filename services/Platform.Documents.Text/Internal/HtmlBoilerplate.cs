using AngleSharp.Dom;

namespace Platform.Documents.Text.Internal;

/// <summary>
/// Removes what is not article text before the article is looked for: scripts and styles, navigation, page
/// headers and footers, asides, forms, figures and captions, hidden elements, and elements whose class or id
/// names share bars, comments, related links, adverts, newsletters or cookie banners.
/// </summary>
internal static class HtmlBoilerplate
{
    private const string AlwaysRemoved =
        "script, style, noscript, template, iframe, svg, canvas, form, button, input, select, textarea, nav, aside, "
        + "footer, figure, figcaption, picture, video, audio, object, embed, dialog, "
        + "[hidden], [aria-hidden=true], [role=navigation], [role=banner], [role=complementary], [role=contentinfo], "
        + "[role=dialog], [role=alert]";

    // Exact class/id words (split at '-', '_' and camelCase): "commentary" or "adventure" must not match.
    private static readonly HashSet<string> BoilerplateWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "share", "shares", "sharing", "sharebar", "social", "socials", "comment", "comments", "related", "advert",
        "adverts", "advertisement", "ad", "ads", "adslot", "promo", "promos", "newsletter", "cookie", "cookies",
        "consent", "gdpr", "subscribe", "subscription", "sidebar", "breadcrumb", "breadcrumbs", "popup", "modal",
        "paywall", "signup", "recommended", "recommendations", "outbrain", "taboola", "sponsored", "tags", "toolbar",
    };

    // An element holding this share of the page's paragraph text is the content, whatever its class says
    // ("page has-sidebar").
    private const double ContentShare = 0.4;

    public static void Remove(IDocument document)
    {
        foreach (var element in document.QuerySelectorAll(AlwaysRemoved).ToList())
        {
            element.Remove();
        }

        foreach (var element in document.QuerySelectorAll("[style]").Where(IsHiddenByStyle).ToList())
        {
            element.Remove();
        }

        // A header inside an article carries its headline and byline; any other header is the site's.
        foreach (var header in document.QuerySelectorAll("header").Where(h => h.Closest("article") is null).ToList())
        {
            header.Remove();
        }

        var total = Math.Max(1, ParagraphText.Length(document.Body));
        var flagged = document.QuerySelectorAll("[class], [id]").Where(HasBoilerplateName).ToList();
        foreach (var element in flagged)
        {
            if (element.Parent is not null && !HoldsContent(element, total))
            {
                element.Remove();
            }
        }
    }

    private static bool HasBoilerplateName(IElement element)
    {
        if (element.LocalName is "html" or "body" or "article" or "main")
        {
            return false;
        }

        var names = $"{element.GetAttribute("class")} {element.GetAttribute("id")}";
        return Words(names).Any(BoilerplateWords.Contains);
    }

    private static bool HoldsContent(IElement element, int total) =>
        element.QuerySelector("article, main, [itemprop=articleBody]") is not null
        || ParagraphText.Length(element) >= ContentShare * total;

    private static bool IsHiddenByStyle(IElement element)
    {
        var style = element.GetAttribute("style")?.Replace(" ", string.Empty, StringComparison.Ordinal);
        return style is not null
            && (style.Contains("display:none", StringComparison.OrdinalIgnoreCase)
                || style.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<string> Words(string names)
    {
        var start = 0;
        for (var i = 0; i <= names.Length; i++)
        {
            var boundary = i == names.Length || !char.IsLetterOrDigit(names[i])
                || (i > start && char.IsUpper(names[i]) && char.IsLower(names[i - 1]));
            if (!boundary)
            {
                continue;
            }

            if (i > start)
            {
                yield return names[start..i];
            }

            start = i < names.Length && char.IsLetterOrDigit(names[i]) ? i : i + 1;
        }
    }
}
