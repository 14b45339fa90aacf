namespace Platform.Documents.Storage;

/// <summary>One row of the documents table (times in Unix milliseconds; authors and labels as JSON).</summary>
public sealed class DocumentRow
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string Authors { get; set; } = "[]";
    public string AuthorRule { get; set; } = "none";
    public string Outlet { get; set; } = "";
    public string Url { get; set; } = "";
    public string Language { get; set; } = "";
    public long? PublishedTime { get; set; }
    public long IngestedTime { get; set; }
    public long UpdateTime { get; set; }
    public string ContentSha256 { get; set; } = "";
    public string? RequestId { get; set; }
    public string Labels { get; set; } = "{}";
    public int EntitiesState { get; set; }
    public string EntitiesReason { get; set; } = "";
    public int EntitiesAttempts { get; set; }
    public long EntitiesUpdated { get; set; }
    public int PredictionsState { get; set; }
    public string PredictionsReason { get; set; } = "";
    public int PredictionsAttempts { get; set; }
    public long PredictionsUpdated { get; set; }
}
