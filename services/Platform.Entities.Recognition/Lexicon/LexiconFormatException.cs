namespace Platform.Entities.Recognition.Lexicon;

/// <summary>A gazetteer or word-list file that cannot be read; the message names the file and line.</summary>
public sealed class LexiconFormatException(string message) : Exception(message)
{
    public LexiconFormatException() : this("Bad lexicon file.")
    {
    }

    public LexiconFormatException(string message, Exception inner) : this(message + " " + inner.Message)
    {
    }
}
