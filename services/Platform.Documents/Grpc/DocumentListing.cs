using Google.Protobuf.Collections;
using Grpc.Core;
using Platform.Contracts;
using Platform.Documents.Ingestion;
using Platform.Documents.Storage;
using Platform.Documents.V1;

namespace Platform.Documents.Grpc;

/// <summary>ListDocuments request checks and the metadata update, kept apart from the service's plumbing.</summary>
internal static class DocumentListing
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>Each word of a text query is one more condition on every row: a few say what is wanted.</summary>
    public const int MaxQueryWords = 16;

    public static DocumentQuery ToQuery(ListDocumentsRequest request)
    {
        string? beforeId = null;
        if (request.PageToken.Length > 0 && !PageToken.TryRead(request.PageToken, Fingerprint(request), out beforeId))
        {
            RpcErrors.InvalidArgument("page_token", "unknown or expired token, or the filters changed since it was issued");
        }

        if (request.PublishedAfter is not null && request.PublishedBefore is not null && request.PublishedAfter.CompareTo(request.PublishedBefore) >= 0)
        {
            RpcErrors.InvalidArgument("published_after", "must be earlier than published_before");
        }

        var words = request.Query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length > MaxQueryWords)
        {
            RpcErrors.InvalidArgument("query", $"{words.Length} words; give at most {MaxQueryWords}");
        }

        return new DocumentQuery(
            AuthorKey: request.Author.Length > 0 ? DocumentMapper.AuthorKey(request.Author) : null,
            Outlet: request.Outlet.Length > 0 ? request.Outlet.Trim() : null,
            PublishedAfter: request.PublishedAfter?.ToDateTimeOffset().ToUnixTimeMilliseconds(),
            PublishedBefore: request.PublishedBefore?.ToDateTimeOffset().ToUnixTimeMilliseconds(),
            Words: words,
            StageState: request.ProcessingState == StageState.Unspecified ? null : (int)request.ProcessingState,
            BeforeId: beforeId,
            Limit: PageSize.Resolve(request.PageSize, DefaultPageSize, MaxPageSize));
    }

    /// <summary>Everything but the paging fields: a token only continues the listing it came from.</summary>
    public static string Fingerprint(ListDocumentsRequest request)
    {
        var filters = request.Clone();
        filters.PageToken = "";
        filters.PageSize = 0;
        return filters.ToString();
    }

    public static void ApplyMetadata(DocumentRow row, Document changes, RepeatedField<string> paths)
    {
        foreach (var path in paths)
        {
            switch (path)
            {
                case "title": row.Title = changes.Title.Trim(); break;
                case "authors":
                    row.Authors = DocumentMapper.AuthorsJson(changes.Authors.Select(a => a.Trim()).Where(a => a.Length > 0));
                    row.AuthorRule = changes.Authors.Count > 0 ? "given" : "none";
                    break;
                case "outlet": row.Outlet = changes.Outlet.Trim(); break;
                case "url":
                    row.Url = changes.Url.Length == 0 ? "" : Uri.TryCreate(changes.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                        ? uri.ToString()
                        : throw new global::Grpc.Core.RpcException(new global::Grpc.Core.Status(global::Grpc.Core.StatusCode.InvalidArgument, $"document.url: '{changes.Url}' is not an absolute http(s) URL"));
                    break;
                case "language": row.Language = changes.Language.Trim(); break;
                case "published_time": row.PublishedTime = changes.PublishedTime?.ToDateTimeOffset().ToUnixTimeMilliseconds(); break;
                case "labels":
                    DocumentIngestor.ValidateLabels(changes.Labels);
                    row.Labels = DocumentMapper.LabelsJson(changes.Labels);
                    break;
            }
        }
    }
}
