using System.ComponentModel.DataAnnotations;
using System.Text;
using Grpc.Core;

namespace Platform.ServiceDefaults;

/// <summary>
/// The largest document the platform takes, in UTF-8 bytes of its text: one setting (<c>DocumentLimits__MaxBytes</c>)
/// that every service reads, so that the document service refuses at ingest whatever the entity or prediction service
/// would refuse later — a document is never accepted only to fail a stage for its size.
/// </summary>
public sealed class DocumentLimits
{
    public const string SectionName = "DocumentLimits";

    [Range(1, 64 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Refuses <paramref name="text"/> with RESOURCE_EXHAUSTED (HTTP 413) naming the field and the limit when it is over.</summary>
    public void Check(string field, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // UTF-8 takes at most three bytes per UTF-16 unit, so most texts need no count at all.
        if ((long)text.Length * 3 <= MaxBytes)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxBytes)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"{field}: {bytes} bytes is over the platform's document limit of {MaxBytes} bytes (DocumentLimits__MaxBytes)"));
        }
    }
}
