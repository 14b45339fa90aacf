using System.Text;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Platform.Documents.Text.Internal;

/// <summary>
/// Reads a Markdown article with Markdig (CommonMark plus YAML front matter). Headings, paragraphs, list items
/// and quoted paragraphs become paragraphs; links and emphasis keep their text; inline code keeps its text.
/// Code blocks, raw HTML blocks, images and thematic breaks are dropped: they are not prose, and a forecast
/// is never in them. The first level-1 heading is the headline and is not part of the body.
/// </summary>
internal static class MarkdownArticleReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    public static ParsedArticle Read(string markdown, DateOrder order)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var article = new ParsedArticle();
        foreach (var block in document.Descendants<YamlFrontMatterBlock>().Take(1))
        {
            FrontMatter.Apply(block.Lines.ToString(), article, order);
        }

        var headline = document.Descendants<HeadingBlock>().FirstOrDefault(h => h.Level == 1);
        if (headline is not null)
        {
            article.Title ??= Text(headline.Inline);
        }

        AddBlocks(document, headline, article);
        return article;
    }

    private static void AddBlocks(ContainerBlock container, HeadingBlock? headline, ParsedArticle article)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case HeadingBlock heading when ReferenceEquals(heading, headline):
                    break;
                case HeadingBlock heading:
                    article.Paragraphs.Add(Text(heading.Inline));
                    break;
                case ParagraphBlock paragraph:
                    article.Paragraphs.Add(Text(paragraph.Inline));
                    break;
                case ContainerBlock nested:
                    // Lists, list items and quotes: their paragraphs, in order.
                    AddBlocks(nested, headline, article);
                    break;
            }
        }
    }

    private static string Text(ContainerInline? inline)
    {
        var builder = new StringBuilder();
        Append(inline, builder);
        return builder.ToString();
    }

    private static void Append(Inline? inline, StringBuilder builder)
    {
        switch (inline)
        {
            case null:
            case LinkInline { IsImage: true }:
            case HtmlInline:
                break;
            case LiteralInline literal:
                builder.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                builder.Append(code.Content);
                break;
            case AutolinkInline autolink:
                builder.Append(autolink.Url);
                break;
            case HtmlEntityInline entity:
                builder.Append(entity.Transcoded.AsSpan());
                break;
            case LineBreakInline lineBreak:
                builder.Append(lineBreak.IsHard ? '\n' : ' ');
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(child, builder);
                }

                break;
        }
    }
}
