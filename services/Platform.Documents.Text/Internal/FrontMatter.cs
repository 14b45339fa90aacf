namespace Platform.Documents.Text.Internal;

/// <summary>
/// Reads the simple <c>key: value</c> lines of YAML front matter (title, author/authors, date/published) and,
/// for authors, a following block of "- name" items. Anything fancier is ignored; no YAML library is needed for
/// what article front matter holds.
/// </summary>
internal static class FrontMatter
{
    private static readonly string[] AuthorKeys = ["author", "authors", "byline"];
    private static readonly string[] DateKeys = ["date", "published", "published_at", "publishdate", "pubdate"];

    public static void Apply(string yaml, ParsedArticle article, DateOrder order)
    {
        var authors = new List<string>();
        string? listKey = null;
        foreach (var raw in TextNormalizer.NormalizeLineEndings(yaml).Split('\n'))
        {
            var line = raw.Trim();
            if (line is "---" or "..." || line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                if (listKey is not null)
                {
                    authors.Add(Unquote(line[2..]));
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            listKey = null;
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = Unquote(line[(colon + 1)..]);
            if (key == "title" && value.Length > 0)
            {
                article.Title ??= value;
            }
            else if (AuthorKeys.Contains(key))
            {
                if (value.Length == 0)
                {
                    listKey = key;
                }
                else
                {
                    authors.AddRange(value.Trim('[', ']').Split([";", ",", " and ", " & "], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Unquote));
                }
            }
            else if (DateKeys.Contains(key))
            {
                article.TrySetPublished(value, order, PublishedRules.FrontMatter);
            }
        }

        article.TrySetAuthors(authors, AuthorRules.FrontMatter);
    }

    private static string Unquote(string value) => value.Trim().Trim('"', '\'').Trim();
}
