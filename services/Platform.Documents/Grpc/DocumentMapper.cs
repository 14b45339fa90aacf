using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Platform.Documents.Storage;
using Platform.Documents.V1;

namespace Platform.Documents.Grpc;

/// <summary>Between stored rows and API messages.</summary>
internal static class DocumentMapper
{
    /// <summary>What a caller should know about a stored document: today, a publication date neither given nor stated.</summary>
    public static IEnumerable<string> Warnings(DocumentRow row)
    {
        if (row.PublishedTime is null)
        {
            yield return "published: no publication date was given, and none is stated in the text (a date line or a dateline); " +
                "open-ended forecasts are reviewed from the day of ingest. Give it as 'published' (or --published), or set it with UpdateDocumentMetadata.";
        }
    }

    public static Document ToMessage(DocumentRow row)
    {
        var document = new Document
        {
            Id = row.Id,
            Title = row.Title,
            Body = row.Body,
            AuthorRule = row.AuthorRule,
            Outlet = row.Outlet,
            Url = row.Url,
            Language = row.Language,
            IngestedTime = Time(row.IngestedTime),
            UpdateTime = Time(row.UpdateTime),
            ContentSha256 = row.ContentSha256,
            Status = Status(row),
        };
        document.Authors.AddRange(JsonSerializer.Deserialize(row.Authors, DocumentJson.Default.StringArray) ?? []);
        document.Labels.Add(JsonSerializer.Deserialize(row.Labels, DocumentJson.Default.DictionaryStringString) ?? []);
        if (row.PublishedTime is { } published)
        {
            document.PublishedTime = Time(published);
        }

        return document;
    }

    public static ProcessingStatus Status(DocumentRow row) => new()
    {
        DocumentId = row.Id,
        Entities = new StageStatus
        {
            State = (StageState)row.EntitiesState,
            Reason = row.EntitiesReason,
            Attempts = row.EntitiesAttempts,
            UpdatedTime = Time(row.EntitiesUpdated),
        },
        Predictions = new StageStatus
        {
            State = (StageState)row.PredictionsState,
            Reason = row.PredictionsReason,
            Attempts = row.PredictionsAttempts,
            UpdatedTime = Time(row.PredictionsUpdated),
        },
    };

    public static string AuthorsJson(IEnumerable<string> authors) => JsonSerializer.Serialize(authors.ToArray(), DocumentJson.Default.StringArray);

    public static string LabelsJson(IDictionary<string, string> labels) =>
        JsonSerializer.Serialize(new Dictionary<string, string>(labels), DocumentJson.Default.DictionaryStringString);

    /// <summary>The author filter matches names case- and space-insensitively.</summary>
    public static string AuthorKey(string author) => string.Join(' ', author.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static Timestamp Time(long unixMilliseconds) => Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds));
}
