using System.Text.Json;

namespace Platform.Documents.Text.Internal;

/// <summary>
/// Reads the author names and <c>datePublished</c> of the first schema.org article (Article, NewsArticle,
/// OpinionNewsArticle, BlogPosting, …) in a page's <c>application/ld+json</c> blocks, looking inside arrays and
/// <c>@graph</c>. Malformed JSON is ignored: it is the page's problem, not the ingest's.
/// </summary>
internal sealed class JsonLdArticle
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 32,
    };

    private JsonLdArticle(List<string> authors, string? datePublished)
    {
        Authors = authors;
        DatePublished = datePublished;
    }

    public IReadOnlyList<string> Authors { get; }

    public string? DatePublished { get; }

    public static JsonLdArticle? Find(IEnumerable<string> scripts)
    {
        foreach (var script in scripts)
        {
            try
            {
                using var document = JsonDocument.Parse(script, Options);
                if (FindArticle(document.RootElement) is { } found)
                {
                    return found;
                }
            }
            catch (JsonException)
            {
            }
        }

        return null;
    }

    private static JsonLdArticle? FindArticle(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            return element.EnumerateArray().Select(FindArticle).FirstOrDefault(found => found is not null);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty("@graph", out var graph) && FindArticle(graph) is { } inGraph)
        {
            return inGraph;
        }

        if (!Types(element).Any(type => type.EndsWith("Article", StringComparison.Ordinal) || type == "BlogPosting"))
        {
            return null;
        }

        var authors = new List<string>();
        if (element.TryGetProperty("author", out var author))
        {
            AddAuthors(author, authors);
        }

        var date = element.TryGetProperty("datePublished", out var published) && published.ValueKind == JsonValueKind.String
            ? published.GetString()
            : null;
        return new JsonLdArticle(authors, date);
    }

    private static void AddAuthors(JsonElement author, List<string> authors)
    {
        switch (author.ValueKind)
        {
            case JsonValueKind.String:
                authors.Add(author.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in author.EnumerateArray())
                {
                    AddAuthors(item, authors);
                }

                break;
            case JsonValueKind.Object when !Types(author).Contains("Organization")
                && author.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String:
                authors.Add(name.GetString()!);
                break;
        }
    }

    private static List<string> Types(JsonElement element)
    {
        if (!element.TryGetProperty("@type", out var type))
        {
            return [];
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => [.. type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)],
            _ => [],
        };
    }
}
