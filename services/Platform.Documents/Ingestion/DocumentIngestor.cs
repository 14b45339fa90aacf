using Google.Protobuf.Collections;
using Grpc.Core;
using Platform.Contracts;
using Platform.Documents.Dispatch;
using Platform.Documents.Grpc;
using Platform.Documents.Storage;
using Platform.Documents.Text;
using Platform.Documents.V1;
using Platform.ServiceDefaults;

namespace Platform.Documents.Ingestion;

/// <summary>
/// Turns an ingest request into a stored document:
///   1. validate every field, naming the first bad one (nothing is written before all are valid);
///   2. extract the article text and metadata from plain text, HTML or Markdown;
///   3. hash the normalised body; the same content, or the same request id, returns the stored document;
///   4. insert the document and its outbox entry in one transaction.
/// </summary>
public sealed class DocumentIngestor(DocumentRepository repository, OutboxSignal outbox, DocumentLimits limits, TimeProvider time)
{
    public async Task<(DocumentRow Row, bool Created)> IngestAsync(IngestDocumentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = DocumentsTelemetry.Source.StartActivity("ingest document");
        var (row, created) = await IngestCoreAsync(request, cancellationToken);
        activity?.SetTag("platform.document.id", row.Id);
        activity?.SetTag("platform.document.created", created);
        return (row, created);
    }

    private async Task<(DocumentRow Row, bool Created)> IngestCoreAsync(IngestDocumentRequest request, CancellationToken cancellationToken)
    {
        // 1. Validation.
        ValidateContent(request.Content);
        var published = PublishedTime(request);
        var url = string.IsNullOrWhiteSpace(request.Url) ? null : Guard(() => TextValidation.ParseUrl(request.Url).ToString());
        ValidateLabels(request.Labels);
        if (request.RequestId.Length > 128)
        {
            RpcErrors.InvalidArgument("request_id", "at most 128 characters");
        }

        // 2. Extraction.
        var hints = new ArticleHints
        {
            Title = NullIfBlank(request.Title),
            Authors = request.Authors.Count > 0 ? [.. request.Authors.Select(a => a.Trim()).Where(a => a.Length > 0)] : null,
            PublishedAt = published,
            Url = url,
        };
        var article = Guard(() => ArticleTextExtractor.Extract(request.Content, Format(request.Format), hints));
        if (string.IsNullOrWhiteSpace(article.Body))
        {
            RpcErrors.InvalidArgument("content", "no article text found");
        }

        // 3 and 4. Deduplicate and store.
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var row = new DocumentRow
        {
            Id = "doc_" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N"),
            Title = article.Title ?? "",
            Body = article.Body,
            Authors = DocumentMapper.AuthorsJson(article.Authors),
            AuthorRule = article.AuthorRule,
            Outlet = request.Outlet.Trim(),
            Url = article.Url ?? url ?? "",
            Language = NullIfBlank(request.Language) ?? article.Language ?? "",
            PublishedTime = article.PublishedAt?.ToUnixTimeMilliseconds(),
            IngestedTime = now,
            UpdateTime = now,
            ContentSha256 = ContentHash.Compute(article.Body),
            RequestId = NullIfBlank(request.RequestId),
            Labels = DocumentMapper.LabelsJson(request.Labels),
            EntitiesState = (int)StageState.Pending,
            EntitiesUpdated = now,
            PredictionsState = (int)StageState.Pending,
            PredictionsUpdated = now,
        };
        var (stored, created) = await repository.InsertAsync(row, [.. article.Authors.Select(DocumentMapper.AuthorKey)], cancellationToken);
        if (created)
        {
            outbox.Notify();
        }

        return (stored, created);
    }

    public static void ValidateLabels(MapField<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var (key, value) in labels)
        {
            if (key.Length is 0 or > 63 || !key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-'))
            {
                RpcErrors.InvalidArgument("labels", $"key '{key}' must be 1-63 characters of a-z, 0-9, '_' or '-'");
            }

            if (value.Length > 256)
            {
                RpcErrors.InvalidArgument("labels", $"value of '{key}' is longer than 256 characters");
            }
        }
    }

    private void ValidateContent(string content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            RpcErrors.InvalidArgument("content", "must not be empty");
        }

        limits.Check("content", content);

        Guard(() =>
        {
            TextValidation.ValidateBody(content, new TextValidationOptions { MaxBodyBytes = limits.MaxBytes });
            return true;
        });

        // Protobuf decodes invalid UTF-8 to U+FFFD; a replacement character means the client sent broken text.
        var bad = content.IndexOf('\uFFFD', StringComparison.Ordinal);
        if (bad >= 0)
        {
            RpcErrors.InvalidArgument("content", $"invalid UTF-8 (undecodable bytes at character {bad})");
        }
    }

    private static DateTimeOffset? PublishedTime(IngestDocumentRequest request)
    {
        if (request.PublishedTime is { } timestamp)
        {
            return timestamp.ToDateTimeOffset();
        }

        return string.IsNullOrWhiteSpace(request.Published)
            ? null
            : PublishedTimeParser.TryParse(request.Published, out var parsed, out var error)
                ? parsed
                : throw new RpcException(new Status(StatusCode.InvalidArgument, $"published: {error}"));
    }

    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (TextValidationException e)
        {
            var field = e.Field == TextField.Body ? "content" : e.Field;
            throw new RpcException(new Status(
                e.Reason == TextValidationReason.TooLarge ? StatusCode.ResourceExhausted : StatusCode.InvalidArgument, $"{field}: {e.Message}"));
        }
    }

    private static Text.ContentFormat Format(V1.ContentFormat format) => format switch
    {
        V1.ContentFormat.Html => Text.ContentFormat.Html,
        V1.ContentFormat.Markdown => Text.ContentFormat.Markdown,
        _ => Text.ContentFormat.PlainText,
    };

    private static string? NullIfBlank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
