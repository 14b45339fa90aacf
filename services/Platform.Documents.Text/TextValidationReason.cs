namespace Platform.Documents.Text;

/// <summary>
/// Why a value was rejected. Callers map <see cref="TooLarge"/> to RESOURCE_EXHAUSTED and the rest to
/// INVALID_ARGUMENT, naming <see cref="TextValidationException.Field"/>.
/// </summary>
public enum TextValidationReason
{
    Empty,
    TooLarge,
    InvalidEncoding,
    ControlCharacter,
    Malformed,
}
