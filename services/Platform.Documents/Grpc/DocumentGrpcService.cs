using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Caching;
using Platform.Contracts;
using Platform.Documents.Dispatch;
using Platform.Documents.Ingestion;
using Platform.Documents.Storage;
using Platform.Documents.V1;

namespace Platform.Documents.Grpc;

/// <summary>platform.documents.v1.DocumentService.</summary>
internal sealed class DocumentGrpcService(DocumentIngestor ingestor, DocumentRepository repository, IPlatformCache cache, OutboxSignal outbox) : DocumentService.DocumentServiceBase
{
    internal const string CacheNamespace = "documents";
    private const int MaxBatch = 100;
    private static readonly CacheCodec<Document> Codec = CacheCodec.Protobuf(Document.Parser);
    private static readonly HashSet<string> UpdatablePaths = ["title", "authors", "outlet", "url", "language", "published_time", "labels"];

    public override async Task<IngestDocumentResponse> IngestDocument(IngestDocumentRequest request, ServerCallContext context)
    {
        var (row, created) = await ingestor.IngestAsync(request, context.CancellationToken);
        return new IngestDocumentResponse { Document = DocumentMapper.ToMessage(row), Created = created, Warnings = { DocumentMapper.Warnings(row) } };
    }

    public override async Task<IngestDocumentsResponse> IngestDocuments(IAsyncStreamReader<IngestDocumentRequest> requestStream, ServerCallContext context)
    {
        var response = new IngestDocumentsResponse();
        var index = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var result = new IngestResult { Index = index++ };
            try
            {
                var (row, created) = await ingestor.IngestAsync(request, context.CancellationToken);
                result.Ingested = new IngestedDocument { Id = row.Id, Created = created, ContentSha256 = row.ContentSha256, Warnings = { DocumentMapper.Warnings(row) } };
                _ = created ? response.CreatedCount++ : response.ExistingCount++;
            }
            catch (RpcException e)
            {
                // A bad item fails alone; the rest of the stream goes on.
                result.Error = new ItemError { Code = (int)e.StatusCode, Message = e.Status.Detail };
                response.FailedCount++;
            }

            response.Results.Add(result);
        }

        return response;
    }

    public override Task<Document> GetDocument(GetDocumentRequest request, ServerCallContext context) =>
        GetCachedAsync(RequireId(request.Id, "id"), context.CancellationToken);

    public override async Task<BatchGetDocumentsResponse> BatchGetDocuments(BatchGetDocumentsRequest request, ServerCallContext context)
    {
        if (request.Ids.Count is 0 or > MaxBatch)
        {
            RpcErrors.InvalidArgument("ids", $"give 1 to {MaxBatch} ids, got {request.Ids.Count}");
        }

        var response = new BatchGetDocumentsResponse();
        foreach (var id in request.Ids)
        {
            response.Documents.Add(await GetCachedAsync(RequireId(id, "ids"), context.CancellationToken));
        }

        return response;
    }

    public override async Task<ListDocumentsResponse> ListDocuments(ListDocumentsRequest request, ServerCallContext context)
    {
        var query = DocumentListing.ToQuery(request);
        var rows = await repository.ListAsync(query with { Limit = query.Limit + 1 }, context.CancellationToken);
        var response = new ListDocumentsResponse();
        response.Documents.AddRange(rows.Take(query.Limit).Select(DocumentMapper.ToMessage));
        if (rows.Count > query.Limit)
        {
            response.NextPageToken = PageToken.Create(rows[query.Limit - 1].Id, DocumentListing.Fingerprint(request));
        }

        return response;
    }

    public override async Task<Document> UpdateDocumentMetadata(UpdateDocumentMetadataRequest request, ServerCallContext context)
    {
        var changes = request.Document ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "document: required"));
        var id = RequireId(changes.Id, "document.id");
        var paths = request.UpdateMask?.Paths ?? [];
        if (paths.Count == 0)
        {
            RpcErrors.InvalidArgument("update_mask", "name the fields to change, e.g. \"title,labels\"");
        }

        foreach (var path in paths.Where(p => !UpdatablePaths.Contains(p)))
        {
            RpcErrors.InvalidArgument("update_mask", $"'{path}' cannot be changed; allowed: {string.Join(", ", UpdatablePaths)}");
        }

        var row = await repository.GetAsync(id, context.CancellationToken);
        if (row is null)
        {
            RpcErrors.NotFound("Document", id);
        }

        DocumentListing.ApplyMetadata(row, changes, paths);
        row.UpdateTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var authors = changes.Authors.Select(DocumentMapper.AuthorKey).ToList();
        if (!await repository.UpdateMetadataAsync(row, paths.Contains("authors") ? authors : CurrentAuthorKeys(row), context.CancellationToken))
        {
            RpcErrors.NotFound("Document", id);
        }

        outbox.Notify();
        await cache.InvalidateAsync(CacheNamespace, id, context.CancellationToken);
        return DocumentMapper.ToMessage(row);
    }

    public override async Task<Empty> DeleteDocument(DeleteDocumentRequest request, ServerCallContext context)
    {
        var id = RequireId(request.Id, "id");
        if (!await repository.DeleteAsync(id, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), context.CancellationToken))
        {
            RpcErrors.NotFound("Document", id);
        }

        await cache.InvalidateAsync(CacheNamespace, id, context.CancellationToken);
        return new Empty();
    }

    public override async Task WatchDocumentStatus(WatchDocumentStatusRequest request, IServerStreamWriter<ProcessingStatus> responseStream, ServerCallContext context)
    {
        var id = RequireId(request.DocumentId, "document_id");
        ProcessingStatus? last = null;
        while (true)
        {
            var row = await repository.GetAsync(id, context.CancellationToken);
            if (row is null)
            {
                RpcErrors.NotFound("Document", id);
            }

            var status = DocumentMapper.Status(row);
            if (!status.Equals(last))
            {
                await responseStream.WriteAsync(status, context.CancellationToken);
                last = status;
            }

            if (IsFinished(status.Entities) && IsFinished(status.Predictions))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), context.CancellationToken);
        }
    }

    private Task<Document> GetCachedAsync(string id, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(CacheNamespace, id, Codec, async ct =>
        {
            var row = await repository.GetAsync(id, ct);
            return row is null ? throw new RpcException(new Status(StatusCode.NotFound, $"Document '{id}' not found")) : DocumentMapper.ToMessage(row);
        }, cancellationToken: cancellationToken);

    private static List<string> CurrentAuthorKeys(DocumentRow row) =>
        [.. System.Text.Json.JsonSerializer.Deserialize(row.Authors, DocumentJson.Default.StringArray)!.Select(DocumentMapper.AuthorKey)];

    private static bool IsFinished(StageStatus stage) => stage.State is StageState.Done or StageState.Failed;

    private static string RequireId(string id, string field)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            RpcErrors.InvalidArgument(field, "a document id is required");
        }

        if (!id.StartsWith("doc_", StringComparison.Ordinal) || id.Length != 36)
        {
            RpcErrors.InvalidArgument(field, $"'{id}' is not a document id (doc_ followed by 32 hex digits)");
        }

        return id;
    }
}
