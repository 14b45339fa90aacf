namespace Platform.Predictions.Extraction;

/// <summary>A sentence of the body by UTF-16 offsets [Start, End), trimmed of surrounding whitespace.</summary>
public readonly record struct Sentence(int Start, int End)
{
    public string Text(string body) => body[Start..End];
}
