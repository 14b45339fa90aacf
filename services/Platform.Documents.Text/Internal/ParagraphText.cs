using AngleSharp.Dom;

namespace Platform.Documents.Text.Internal;

/// <summary>Measures of paragraph text used to find the article in a page.</summary>
internal static class ParagraphText
{
    public const string ParagraphSelector = "p, pre";

    /// <summary>Characters of text in the paragraphs under <paramref name="element"/>, links included.</summary>
    public static int Length(IElement? element) =>
        element?.QuerySelectorAll(ParagraphSelector).Sum(p => p.TextContent.Trim().Length) ?? 0;

    /// <summary>Share of the element's text that sits inside links: near 1 for lists of related links.</summary>
    public static double LinkDensity(IElement element)
    {
        var total = element.TextContent.Trim().Length;
        if (total == 0)
        {
            return 0;
        }

        var linked = element.QuerySelectorAll("a").Sum(a => a.TextContent.Trim().Length);
        return Math.Min(1.0, (double)linked / total);
    }
}
