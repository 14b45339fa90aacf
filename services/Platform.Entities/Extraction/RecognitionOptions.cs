
namespace Platform.Entities.Extraction;

/// <summary>The recogniser's settings (<c>Recognition</c> section).</summary>
public sealed class RecognitionOptions
{
    public const string SectionName = "Recognition";

    /// <summary>A folder of extra gazetteer and word-list files, read after the shipped ones.</summary>
    public string? GazetteerDirectory { get; set; }
}
