using AngleSharp.Dom;

namespace Platform.Documents.Text.Internal;

/// <summary>
/// Picks the element that holds the article. Semantic containers come first (the <c>article</c> with the most
/// paragraph text, then <c>[itemprop=articleBody]</c>, then <c>main</c>), but only when they hold at least half
/// the text of the best-scoring block, so a page whose <c>article</c> elements are teaser cards falls through
/// to text density: each paragraph scores its length less its linked text, credited fully to its parent and
/// half to its grandparent (as Readability does), and the highest-scoring element wins.
/// </summary>
internal static class HtmlContentLocator
{
    private const int MinParagraphLength = 25;
    private const double SemanticShare = 0.5;

    public static IElement Locate(IDocument document)
    {
        var body = document.Body ?? document.DocumentElement;
        var dense = DensestBlock(body);
        var denseText = ParagraphText.Length(dense);

        var candidates = new[]
        {
            document.QuerySelectorAll("article").MaxBy(ParagraphText.Length),
            document.QuerySelector("[itemprop=articleBody]"),
            document.QuerySelector("main, [role=main]"),
        };

        foreach (var candidate in candidates)
        {
            var text = ParagraphText.Length(candidate);
            if (candidate is not null && text > 0 && text >= SemanticShare * denseText)
            {
                return candidate;
            }
        }

        return dense ?? body;
    }

    private static IElement? DensestBlock(IElement root)
    {
        var scores = new Dictionary<IElement, double>(ReferenceEqualityComparer.Instance);
        foreach (var paragraph in root.QuerySelectorAll(ParagraphText.ParagraphSelector))
        {
            var length = paragraph.TextContent.Trim().Length;
            if (length < MinParagraphLength)
            {
                continue;
            }

            var score = length * (1 - ParagraphText.LinkDensity(paragraph));
            if (paragraph.ParentElement is { } parent)
            {
                scores[parent] = scores.GetValueOrDefault(parent) + score;
                if (parent.ParentElement is { } grandparent)
                {
                    scores[grandparent] = scores.GetValueOrDefault(grandparent) + (score / 2);
                }
            }
        }

        return scores.Count == 0 ? null : scores.MaxBy(pair => pair.Value).Key;
    }
}
