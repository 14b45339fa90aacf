using Platform.Documents.V1;

namespace Platform.Client.Articles;

/// <summary>
/// An article file as the CLI and the sample corpus keep them: Markdown, HTML or text, optionally opening with
/// front matter ("---" lines around "key: value" pairs: title, outlet, authors (separated by ";" or ","),
/// published, url, language). The document service reads the same front matter itself; the client reads it
/// too so that outlet and URL, which the service cannot guess, travel as metadata.
/// </summary>
public static class ArticleFile
{
    public static async Task<IngestDocumentRequest> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var content = await File.ReadAllTextAsync(path, cancellationToken);
        var request = new IngestDocumentRequest
        {
            Content = content,
            Format = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".md" or ".markdown" => ContentFormat.Markdown,
                ".html" or ".htm" => ContentFormat.Html,
                _ => ContentFormat.PlainText,
            },
            // The file's name and content make a stable request id: ingesting the same folder twice is safe.
            RequestId = "file:" + Path.GetFileName(path) + ":" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)))[..16],
        };
        foreach (var (key, value) in FrontMatter(content))
        {
            switch (key)
            {
                case "title":
                    request.Title = value;
                    break;
                case "outlet":
                    request.Outlet = value;
                    break;
                case "author" or "authors":
                    request.Authors.AddRange(value.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "published" or "date":
                    request.Published = value;
                    break;
                case "url":
                    request.Url = value;
                    break;
                case "language":
                    request.Language = value;
                    break;
            }
        }

        return request;
    }

    /// <summary>The "key: value" pairs between a leading "---" line and the next one; none when there is no front matter.</summary>
    public static IEnumerable<(string Key, string Value)> FrontMatter(string content)
    {
        using var reader = new StringReader(content);
        if (reader.ReadLine()?.Trim() != "---")
        {
            yield break;
        }

        for (var line = reader.ReadLine(); line is not null && line.Trim() != "---"; line = reader.ReadLine())
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                yield return (line[..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim().Trim('"', '\''));
            }
        }
    }
}
