namespace Platform.Documents.Text;

/// <summary>
/// A value failed validation. <see cref="Field"/> is the request field (see <see cref="TextField"/>) and the
/// message says what is wrong and where, so it can go to the caller as it is.
/// </summary>
public sealed class TextValidationException : Exception
{
    public TextValidationException()
        : this(TextField.Body, TextValidationReason.Malformed, "invalid value")
    {
    }

    public TextValidationException(string message)
        : this(TextField.Body, TextValidationReason.Malformed, message)
    {
    }

    public TextValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Field = TextField.Body;
        Reason = TextValidationReason.Malformed;
    }

    public TextValidationException(string field, TextValidationReason reason, string message)
        : base(message)
    {
        Field = field;
        Reason = reason;
    }

    public string Field { get; }

    public TextValidationReason Reason { get; }
}
