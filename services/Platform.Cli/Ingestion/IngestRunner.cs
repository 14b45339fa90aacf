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
/// Ingests one source: reads the file (front matter becomes metadata) or fetches the URL, sends it, and with
/// --wait follows the document until its entity and prediction stages are finished and counts its forecasts.
/// A failure is the item's own result, never an exception, so one bad file does not stop the others.
/// </summary>
internal sealed class IngestRunner(PlatformClient platform, HttpClient http, bool wait, CancellationToken cancellationToken)
{
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProcessingLimit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private CallOptions Call => new(cancellationToken: cancellationToken);

    public async Task<IngestOutcome> IngestAsync(IngestSource source)
    {
        if (source.Problem is not null)
        {
            return new IngestOutcome(source, IngestResult.Failed, Error: source.Problem);
        }

        var (request, problem) = await ReadAsync(source);
        if (request is null)
        {
            return new IngestOutcome(source, IngestResult.Failed, Error: problem);
        }

        IngestDocumentResponse reply;
        try
        {
            reply = await platform.Documents.IngestDocumentAsync(request, Call);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new IngestOutcome(source, IngestResult.Failed, Error: $"{RemoteAction.CodeName(e.StatusCode)}: {e.Status.Detail}", Code: e.StatusCode);
        }

        var stored = new IngestOutcome(source, reply.Created ? IngestResult.New : IngestResult.AlreadyStored, reply.Document.Id);
        if (!wait)
        {
            return stored;
        }

        try
        {
            return await WaitProcessedAsync(stored);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            return stored with { Error = $"while waiting: {RemoteAction.CodeName(e.StatusCode)}: {e.Status.Detail}", Code = e.StatusCode };
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
