using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Platform.Client;
using Platform.Client.Articles;
using Platform.Documents.V1;
using Platform.Predictions.V1;

namespace Platform.Cli.Ingestion;

/// <summary>
/// Ingests sources: reads each file (front matter becomes metadata) or fetches each URL, sends them in bulk, and
/// with --wait follows each document until its entity and prediction stages are finished and counts its forecasts.
/// A failure is the item's own result, never an exception, so one bad file does not stop the others.
/// </summary>
internal sealed class IngestRunner(PlatformClient platform, HttpClient http, bool wait, CancellationToken cancellationToken)
{
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProcessingLimit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private CallOptions Call => new(cancellationToken: cancellationToken);

    /// <summary>
    /// Every source: read (files and URLs, <paramref name="parallel"/> at a time), sent through the bulk API
    /// (IngestDocuments, up to 100 articles or 8 MB per stream, so a large folder costs a few round trips, not one per
    /// article), and with --wait followed until processed. <paramref name="advance"/> is called once per item
    /// when its outcome is known.
    /// </summary>
    public async Task<IngestOutcome[]> IngestAllAsync(IReadOnlyList<IngestSource> sources, int parallel, Action? advance)
    {
        var outcomes = new IngestOutcome?[sources.Count];
        var requests = new IngestDocumentRequest?[sources.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Count), options, async (i, _) =>
        {
            var (request, problem) = sources[i].Problem is { } known ? (null, known) : await ReadAsync(sources[i]);
            requests[i] = request;
            if (request is null)
            {
                outcomes[i] = new IngestOutcome(sources[i], IngestResult.Failed, Error: problem);
                advance?.Invoke();
            }
        });

        foreach (var chunk in Chunks(Enumerable.Range(0, sources.Count).Where(i => requests[i] is not null).ToList(), requests))
        {
            foreach (var (index, outcome) in await SendAsync(chunk, sources, requests))
            {
                outcomes[index] = outcome;
                if (!wait || outcome.Result == IngestResult.Failed)
                {
                    advance?.Invoke();
                }
            }
        }

        if (wait)
        {
            var stored = Enumerable.Range(0, sources.Count).Where(i => outcomes[i]!.Result != IngestResult.Failed).ToList();
            await Parallel.ForEachAsync(stored, options, async (i, _) =>
            {
                try
                {
                    outcomes[i] = await WaitProcessedAsync(outcomes[i]!);
                }
                catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
                {
                    outcomes[i] = outcomes[i]! with { Error = $"while waiting: {RemoteAction.CodeName(e.StatusCode)}: {e.Status.Detail}", Code = e.StatusCode };
                }

                advance?.Invoke();
            });
        }

        return [.. outcomes.Select(o => o!)];
    }

    private static IEnumerable<List<int>> Chunks(List<int> ready, IngestDocumentRequest?[] requests)
    {
        const int MaxItems = 100;
        const long MaxBytes = 8L * 1024 * 1024;
        var chunk = new List<int>();
        var bytes = 0L;
        foreach (var index in ready)
        {
            var size = requests[index]!.CalculateSize();
            if (chunk.Count == MaxItems || (chunk.Count > 0 && bytes + size > MaxBytes))
            {
                yield return chunk;
                chunk = [];
                bytes = 0;
            }

            chunk.Add(index);
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    /// <summary>One stream: each item's own result, or the stream's failure for all of them.</summary>
    private async Task<List<(int Index, IngestOutcome Outcome)>> SendAsync(List<int> chunk, IReadOnlyList<IngestSource> sources, IngestDocumentRequest?[] requests)
    {
        try
        {
            using var call = platform.Documents.IngestDocuments(Call);
            foreach (var index in chunk)
            {
                await call.RequestStream.WriteAsync(requests[index]!, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
            var reply = await call;
            return [.. chunk.Select((index, k) =>
            {
                var result = reply.Results.FirstOrDefault(r => r.Index == k);
                var outcome = result switch
                {
                    { Ingested: { } ingested } => new IngestOutcome(sources[index], ingested.Created ? IngestResult.New : IngestResult.AlreadyStored, ingested.Id,
                        Warnings: [.. ingested.Warnings]),
                    { Error: { } error } => new IngestOutcome(sources[index], IngestResult.Failed,
                        Error: $"{RemoteAction.CodeName((StatusCode)error.Code)}: {error.Message}", Code: (StatusCode)error.Code),
                    _ => new IngestOutcome(sources[index], IngestResult.Failed, Error: "the platform gave no result for this item"),
                };
                return (index, outcome);
            })];
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            return [.. chunk.Select(index => (index, new IngestOutcome(sources[index], IngestResult.Failed,
                Error: $"{RemoteAction.CodeName(e.StatusCode)}: {e.Status.Detail}", Code: e.StatusCode)))];
        }
    }

    private async Task<(IngestDocumentRequest? Request, string? Problem)> ReadAsync(IngestSource source)
    {
        try
        {
            return source.Url is { } url ? await FetchAsync(url) : (await ArticleFile.ReadAsync(source.Path!, cancellationToken), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, "cannot read the file: " + e.Message);
        }
        catch (HttpRequestException e)
        {
            return (null, "cannot fetch: " + e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"cannot fetch: no answer within {FetchTimeout.TotalSeconds:0} s");
        }
    }

    private async Task<(IngestDocumentRequest? Request, string? Problem)> FetchAsync(Uri url)
    {
        using var response = await http.GetAsync(url, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (null, $"the URL answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var content = await response.Content.ReadAsStringAsync(cancellationToken);
        var request = new IngestDocumentRequest
        {
            Content = content,
            Format = Format(response.Content.Headers.ContentType),
            Url = url.AbsoluteUri,
            // Like ArticleFile's: the same page fetched again is the same request, so re-running is safe.
            RequestId = "url:" + Hash(url.AbsoluteUri) + ":" + Hash(content),
        };
        return (request, null);
    }

    /// <summary>Pages are sent as HTML unless the server says they are plain text or Markdown.</summary>
    private static ContentFormat Format(MediaTypeHeaderValue? type) => type?.MediaType?.ToLowerInvariant() switch
    {
        "text/plain" => ContentFormat.PlainText,
        "text/markdown" or "text/x-markdown" => ContentFormat.Markdown,
        _ => ContentFormat.Html,
    };

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private async Task<IngestOutcome> WaitProcessedAsync(IngestOutcome stored)
    {
        var deadline = DateTime.UtcNow + ProcessingLimit;
        while (true)
        {
            var document = await platform.Documents.GetDocumentAsync(new GetDocumentRequest { Id = stored.DocumentId }, Call);
            var stages = new (string Name, StageStatus? Status)[] { ("entities", document.Status?.Entities), ("predictions", document.Status?.Predictions) };
            if (stages.All(s => s.Status?.State is StageState.Done or StageState.Failed))
            {
                var failed = stages.Where(s => s.Status!.State == StageState.Failed).Select(s => $"{s.Name} stage FAILED: {s.Status!.Reason}").ToList();
                return stored with
                {
                    Forecasts = await CountForecastsAsync(stored.DocumentId!),
                    Error = failed.Count > 0 ? string.Join("; ", failed) : null,
                };
            }

            if (DateTime.UtcNow > deadline)
            {
                return stored with { Error = $"not processed within {ProcessingLimit.TotalSeconds:0} s" };
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private async Task<int> CountForecastsAsync(string documentId)
    {
        var count = 0;
        var request = new ListPredictionsRequest { DocumentId = documentId, PageSize = 500 };
        do
        {
            var page = await platform.Predictions.ListPredictionsAsync(request, Call);
            count += page.Predictions.Count;
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        return count;
    }
}
