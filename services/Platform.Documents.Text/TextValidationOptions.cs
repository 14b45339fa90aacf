namespace Platform.Documents.Text;

/// <summary>Limits applied by <see cref="TextValidation"/>.</summary>
public sealed class TextValidationOptions
{
    public const int DefaultMaxBodyBytes = 2 * 1024 * 1024;

    /// <summary>Largest body accepted, in bytes of UTF-8. Default 2 MiB.</summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Longest URL accepted, in characters. Default 2048.</summary>
    public int MaxUrlLength { get; init; } = 2048;

    internal static TextValidationOptions Default { get; } = new();
}
