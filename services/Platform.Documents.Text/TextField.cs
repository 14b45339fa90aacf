namespace Platform.Documents.Text;

/// <summary>Request field names carried by <see cref="TextValidationException.Field"/>.</summary>
public static class TextField
{
    public const string Body = "body";
    public const string PublishedTime = "published_time";
    public const string Url = "url";
}
