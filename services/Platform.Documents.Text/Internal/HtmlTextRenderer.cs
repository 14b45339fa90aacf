using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Platform.Documents.Text.Internal;

/// <summary>
/// Turns an element into paragraphs of plain text. Block elements (paragraphs, headings, list items, quotes,
/// table rows, divisions) end a paragraph; source whitespace collapses as a browser would show it; one
/// <c>&lt;br&gt;</c> is a line break inside a paragraph and two in a row end it.
/// </summary>
internal sealed class HtmlTextRenderer
{
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "address", "article", "blockquote", "dd", "details", "div", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
        "tr", "ul",
    };

    private readonly List<string> paragraphs = [];
    private readonly StringBuilder current = new();

    private HtmlTextRenderer()
    {
    }

    public static List<string> Render(IElement root)
    {
        var renderer = new HtmlTextRenderer();
        renderer.Walk(root);
        renderer.Flush();
        return renderer.paragraphs;
    }

    private void Walk(INode node)
    {
        switch (node)
        {
            case IText text:
                foreach (var c in text.Data)
                {
                    current.Append(char.IsWhiteSpace(c) ? ' ' : c);
                }

                break;
            case IHtmlBreakRowElement:
                current.Append('\n');
                break;
            case IElement element when Blocks.Contains(element.LocalName):
                Flush();
                WalkChildren(element);
                Flush();
                break;
            case IElement element:
                // Table cells and images' neighbours should not run together.
                if (element.LocalName is "td" or "th")
                {
                    current.Append(' ');
                }

                WalkChildren(element);
                break;
        }
    }

    private void WalkChildren(INode node)
    {
        foreach (var child in node.ChildNodes)
        {
            Walk(child);
        }
    }

    private void Flush()
    {
        if (current.Length == 0)
        {
            return;
        }

        var lines = current.ToString().Split('\n').Select(TextNormalizer.CollapseWhitespace).ToList();
        current.Clear();

        var paragraph = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length > 0)
            {
                paragraph.Add(line);
                continue;
            }

            // An empty line means two <br> in a row (or a <br> at an edge): a paragraph break.
            AddParagraph(paragraph);
        }

        AddParagraph(paragraph);
    }

    private void AddParagraph(List<string> lines)
    {
        if (lines.Count > 0)
        {
            paragraphs.Add(string.Join('\n', lines));
            lines.Clear();
        }
    }
}
