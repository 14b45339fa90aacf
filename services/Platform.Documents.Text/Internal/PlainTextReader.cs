namespace Platform.Documents.Text.Internal;

/// <summary>
/// Reads plain text: paragraphs are separated by blank lines; lines are trimmed. Line breaks inside a
/// paragraph are kept, except where the paragraph was plainly hard-wrapped (every line but the last runs to
/// at least <see cref="MinWrappedLineLength"/> characters and none starts a list item), where they are joined
/// with spaces. Verse, addresses and lists keep their lines. Plain text has no title: a first short line is as
/// likely a photo caption or a kicker as a headline, so the caller supplies the title.
/// </summary>
internal static class PlainTextReader
{
    private const int MinWrappedLineLength = 30;

    public static ParsedArticle Read(string text)
    {
        var article = new ParsedArticle();
        var paragraph = new List<string>();
        foreach (var raw in TextNormalizer.NormalizeLineEndings(text).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0)
            {
                paragraph.Add(line);
            }
            else
            {
                Add(paragraph, article);
            }
        }

        Add(paragraph, article);
        return article;
    }

    private static void Add(List<string> lines, ParsedArticle article)
    {
        if (lines.Count == 0)
        {
            return;
        }

        article.Paragraphs.Add(string.Join(IsHardWrapped(lines) ? ' ' : '\n', lines));
        lines.Clear();
    }

    private static bool IsHardWrapped(List<string> lines) =>
        lines.Count > 1
        && lines.Take(lines.Count - 1).All(line => line.Length >= MinWrappedLineLength)
        && !lines.Any(IsListItem);

    private static bool IsListItem(string line)
    {
        if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal)
            || line.StartsWith("• ", StringComparison.Ordinal))
        {
            return true;
        }

        var digits = 0;
        while (digits < line.Length && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        return digits is > 0 and <= 3 && digits + 1 < line.Length && line[digits] is '.' or ')' && line[digits + 1] == ' ';
    }
}
