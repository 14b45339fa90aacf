using System.ComponentModel.DataAnnotations;

namespace Platform.Entities.Extraction;

/// <summary>The recogniser's settings (<c>Recognition</c> section).</summary>
public sealed class RecognitionOptions
{
    public const string SectionName = "Recognition";

    /// <summary>A folder of extra gazetteer and word-list files, read after the shipped ones.</summary>
    public string? GazetteerDirectory { get; set; }

    /// <summary>Bodies longer than this (UTF-16 characters) are refused with INVALID_ARGUMENT.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxBodyChars { get; set; } = 1_000_000;
}
