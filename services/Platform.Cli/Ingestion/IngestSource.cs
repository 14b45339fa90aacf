namespace Platform.Cli.Ingestion;

/// <summary>One thing to ingest: a file or a URL, with what is already known to be wrong with it.</summary>
internal sealed record IngestSource(string Label, string? Path, Uri? Url, string? Problem = null)
{
    /// <summary>The extensions taken from folders; a file named on the command line is taken whatever its extension.</summary>
    public static readonly IReadOnlySet<string> ArticleExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".md", ".markdown", ".html", ".htm", ".txt" };

    /// <summary>
    /// The files named and those found under the folders named (recursively, in name order), then the URLs listed
    /// in <paramref name="urlsFile"/> (one a line; blank lines and lines starting with '#' are skipped).
    /// </summary>
    public static async Task<List<IngestSource>> CollectAsync(IEnumerable<string> paths, string? urlsFile, CancellationToken cancellationToken)
    {
        var sources = new List<IngestSource>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                sources.Add(new IngestSource(path, path, null));
            }
            else if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => ArticleExtensions.Contains(System.IO.Path.GetExtension(f)))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                sources.AddRange(found.Select(f => new IngestSource(f, f, null)));
                if (found.Count == 0)
                {
                    sources.Add(new IngestSource(path, null, null, $"no article files ({string.Join(", ", ArticleExtensions)}) in this folder"));
                }
            }
            else
            {
                sources.Add(new IngestSource(path, null, null, "no such file or folder"));
            }
        }

        if (urlsFile is not null)
        {
            if (!File.Exists(urlsFile))
            {
                throw new UsageException($"--urls: {urlsFile}: no such file");
            }

            var number = 0;
            foreach (var line in await File.ReadAllLinesAsync(urlsFile, cancellationToken))
            {
                number++;
                var text = line.Trim();
                if (text.Length == 0 || text.StartsWith('#'))
                {
                    continue;
                }

                sources.Add(Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                    ? new IngestSource(text, null, url)
                    : new IngestSource(text, null, null, $"{urlsFile} line {number}: not an http:// or https:// URL"));
            }
        }

        return sources;
    }
}

/// <summary>What happened to one source.</summary>
internal sealed record IngestOutcome(IngestSource Source, IngestResult Result, string? DocumentId = null, int? Forecasts = null, string? Error = null,
    Grpc.Core.StatusCode? Code = null, IReadOnlyList<string>? Warnings = null)
{
    /// <summary>Whether the item counts as failed for the exit code: not stored, or (with --wait) not processed.</summary>
    public bool IsFailure => Result == IngestResult.Failed || Error is not null;
}

internal enum IngestResult
{
    New,
    AlreadyStored,
    Failed,
}
