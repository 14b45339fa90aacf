namespace Platform.Documents.Text;

/// <summary>
/// What the caller already knows about an article. Anything given here wins over what the content says, and is
/// reported with the rule <c>given</c>.
/// </summary>
public sealed record ArticleHints
{
    public string? Title { get; init; }

    public IReadOnlyList<string>? Authors { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Taken as given; check a caller's URL with <see cref="TextValidation.ParseUrl"/> first.</summary>
    public string? Url { get; init; }

    /// <summary>How to read all-numeric dates found in the content (for example in front matter).</summary>
    public DateOrder DateOrder { get; init; }
}
