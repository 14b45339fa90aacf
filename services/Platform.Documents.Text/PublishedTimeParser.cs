using Platform.Documents.Text.Internal;

namespace Platform.Documents.Text;

/// <summary>
/// Parses publication times as articles print them: ISO 8601 with or without offset, RFC 1123,
/// "November 3, 2016", "3 November 2016", "Nov. 3, 2016", "2016-11-03", "Thursday 3 November 2016 10.52 GMT".
/// The result is in UTC; a time without a zone is read as UTC and a date without a time as midnight UTC.
/// An all-numeric date such as "03/11/2016" is refused as ambiguous unless a <see cref="DateOrder"/> is given
/// or only one reading is possible ("25/11/2016").
/// </summary>
public static class PublishedTimeParser
{
    /// <summary>Longest input considered; anything longer is not a date line.</summary>
    public const int MaxLength = 100;

    /// <inheritdoc cref="TryParse(string?, DateOrder, out DateTimeOffset, out string)"/>
    public static bool TryParse(string? text, out DateTimeOffset value, out string error) =>
        TryParse(text, DateOrder.Unknown, out value, out error);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> names the problem.</summary>
    /// <returns>True with <paramref name="value"/> in UTC, or false with a message (empty on success).</returns>
    public static bool TryParse(string? text, DateOrder order, out DateTimeOffset value, out string error)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "published time is empty";
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length > MaxLength)
        {
            error = $"published time is {trimmed.Length} characters long; at most {MaxLength} are accepted";
            return false;
        }

        var fields = DateTextReader.Read(trimmed, order, out var reason);
        if (fields is null || !fields.TryBuild(out value, out reason))
        {
            error = $"cannot read '{trimmed}' as a time: {reason}";
            return false;
        }

        error = string.Empty;
        return true;
    }
}
