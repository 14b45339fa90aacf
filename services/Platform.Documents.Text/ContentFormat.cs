namespace Platform.Documents.Text;

/// <summary>The format of the raw content handed to <see cref="ArticleTextExtractor"/>.</summary>
public enum ContentFormat
{
    PlainText,
    Html,
    Markdown,
}
