namespace Platform.Documents.Text.Internal;

/// <summary>What a format reader found, before hints are applied and paragraphs are normalised.</summary>
internal sealed class ParsedArticle
{
    public string? Title { get; set; }

    public List<string> Paragraphs { get; } = [];

    public List<string> Authors { get; } = [];

    public string AuthorRule { get; set; } = AuthorRules.None;

    public DateTimeOffset? PublishedAt { get; set; }

    public string PublishedRule { get; set; } = PublishedRules.None;

    public string? Language { get; set; }

    public string? Url { get; set; }

    /// <summary>Sets the authors from a metadata source unless an earlier source already did.</summary>
    public bool TrySetAuthors(IEnumerable<string> names, string rule)
    {
        if (Authors.Count > 0)
        {
            return true;
        }

        foreach (var name in names)
        {
            var clean = TextNormalizer.CollapseWhitespace(name);
            if (clean.StartsWith("by ", StringComparison.OrdinalIgnoreCase))
            {
                clean = clean[3..].TrimStart();
            }

            // Profile links (article:author is often a URL) are not names.
            if (clean.Length is > 0 and <= 100 && !clean.Contains("://", StringComparison.Ordinal)
                && !Authors.Contains(clean, StringComparer.OrdinalIgnoreCase))
            {
                Authors.Add(clean);
            }
        }

        if (Authors.Count > 0)
        {
            AuthorRule = rule;
        }

        return Authors.Count > 0;
    }

    /// <summary>Sets the publication time from a metadata source unless an earlier source already did.</summary>
    public bool TrySetPublished(string? text, DateOrder order, string rule)
    {
        if (PublishedAt is not null)
        {
            return true;
        }

        if (PublishedTimeParser.TryParse(text, order, out var value, out _))
        {
            PublishedAt = value;
            PublishedRule = rule;
        }

        return PublishedAt is not null;
    }
}
