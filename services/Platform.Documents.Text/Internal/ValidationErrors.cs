using System.Globalization;

namespace Platform.Documents.Text.Internal;

/// <summary>Every <see cref="TextValidationException"/> the library raises comes from here.</summary>
internal static class ValidationErrors
{
    public static TextValidationException Empty(string field, bool whitespaceOnly) =>
        new(field, TextValidationReason.Empty, whitespaceOnly ? $"{field} contains only whitespace" : $"{field} is empty");

    public static TextValidationException TooLarge(string field, long size, long limit, string unit) =>
        new(field, TextValidationReason.TooLarge, string.Create(
            CultureInfo.InvariantCulture, $"{field} is {size:N0} {unit}; the limit is {limit:N0}"));

    public static TextValidationException InvalidUtf8(string field, int offset, byte value, bool truncated) =>
        new(field, TextValidationReason.InvalidEncoding, truncated
            ? $"{field} is not valid UTF-8: the sequence starting at byte offset {offset} (0x{value:X2}) is cut off by the end of the input"
            : $"{field} is not valid UTF-8: invalid byte 0x{value:X2} at byte offset {offset}");

    public static TextValidationException UnpairedSurrogate(string field, int index, char value) =>
        new(field, TextValidationReason.InvalidEncoding,
            $"{field} contains an unpaired surrogate U+{(int)value:X4} at index {index}");

    public static TextValidationException ControlCharacter(string field, int index, char value, int line, int column) =>
        new(field, TextValidationReason.ControlCharacter,
            $"{field} contains control character U+{(int)value:X4} at line {line}, column {column} (index {index}); only tab and line breaks are allowed");

    public static TextValidationException Malformed(string field, string message) =>
        new(field, TextValidationReason.Malformed, message);
}
