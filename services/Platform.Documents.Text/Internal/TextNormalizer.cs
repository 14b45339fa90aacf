using System.Text;

namespace Platform.Documents.Text.Internal;

/// <summary>Whitespace and paragraph clean-up shared by the format readers.</summary>
internal static class TextNormalizer
{
    /// <summary>Every run of whitespace (including line breaks and no-break spaces) becomes one space; ends trimmed.</summary>
    public static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>"\r\n", "\r" and the Unicode line and paragraph separators become "\n".</summary>
    public static string NormalizeLineEndings(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace('\u2028', '\n').Replace('\u2029', '\n');

    /// <summary>
    /// The final form of one body paragraph: NFC, no byte order marks, each line trimmed and collapsed, empty lines
    /// dropped, so no paragraph holds a blank line. Returns an empty string for a paragraph with no text.
    /// </summary>
    public static string CleanParagraph(string paragraph)
    {
        var text = paragraph.Replace("\uFEFF", string.Empty, StringComparison.Ordinal);
        text = Nfc.Normalize(NormalizeLineEndings(text));
        var lines = text.Split('\n').Select(CollapseWhitespace).Where(line => line.Length > 0);
        return string.Join('\n', lines);
    }
}
