using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Platform.Documents.Text.Internal;

namespace Platform.Documents.Text;

/// <summary>
/// Checks request values before ingest. Each method throws <see cref="TextValidationException"/> naming the
/// field, the reason and the position of the problem.
/// </summary>
public static class TextValidation
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Rejects a body that is empty or only whitespace, larger than <see cref="TextValidationOptions.MaxBodyBytes"/>
    /// in UTF-8, or that holds control characters other than tab, line feed and carriage return, or an unpaired
    /// surrogate (which has no UTF-8 form).
    /// </summary>
    public static void ValidateBody(string? body, TextValidationOptions? options = null)
    {
        options ??= TextValidationOptions.Default;
        if (string.IsNullOrWhiteSpace(body))
        {
            throw ValidationErrors.Empty(TextField.Body, whitespaceOnly: !string.IsNullOrEmpty(body));
        }

        var size = Encoding.UTF8.GetByteCount(body);
        if (size > options.MaxBodyBytes)
        {
            throw ValidationErrors.TooLarge(TextField.Body, size, options.MaxBodyBytes, "bytes of UTF-8");
        }

        CheckCharacters(body);
    }

    /// <summary>
    /// Decodes strict UTF-8 (a leading byte order mark is dropped) and validates the result as a body.
    /// Invalid input is reported with the byte offset of the first bad sequence.
    /// </summary>
    public static string FromUtf8(ReadOnlySpan<byte> bytes, TextValidationOptions? options = null)
    {
        options ??= TextValidationOptions.Default;
        var offset = bytes.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        var content = bytes[offset..];
        if (content.Length > options.MaxBodyBytes)
        {
            throw ValidationErrors.TooLarge(TextField.Body, content.Length, options.MaxBodyBytes, "bytes of UTF-8");
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(content.Length, 1));
        try
        {
            var status = Utf8.ToUtf16(content, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                var truncated = Rune.DecodeFromUtf8(content[read..], out _, out _) == OperationStatus.NeedMoreData;
                throw ValidationErrors.InvalidUtf8(TextField.Body, offset + read, content[read], truncated);
            }

            var text = new string(chars, 0, written);
            ValidateBody(text, options);
            return text;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Accepts an absolute http or https URL without whitespace, at most <see cref="TextValidationOptions.MaxUrlLength"/> long.</summary>
    public static Uri ParseUrl(string? url, TextValidationOptions? options = null)
    {
        options ??= TextValidationOptions.Default;
        if (string.IsNullOrWhiteSpace(url))
        {
            throw ValidationErrors.Empty(TextField.Url, whitespaceOnly: !string.IsNullOrEmpty(url));
        }

        if (url.Length > options.MaxUrlLength)
        {
            throw ValidationErrors.TooLarge(TextField.Url, url.Length, options.MaxUrlLength, "characters");
        }

        var space = url.AsSpan().IndexOfAnyInRange('\0', ' ');
        if (space >= 0)
        {
            throw ValidationErrors.Malformed(TextField.Url, $"url contains whitespace or a control character at index {space}");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw ValidationErrors.Malformed(TextField.Url, $"url '{url}' is not an absolute http or https URL");
        }

        return uri;
    }

    /// <summary>Parses a caller-supplied publication time with <see cref="PublishedTimeParser"/>.</summary>
    public static DateTimeOffset ParsePublishedTime(string? text, DateOrder order = DateOrder.Unknown)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ValidationErrors.Empty(TextField.PublishedTime, whitespaceOnly: !string.IsNullOrEmpty(text));
        }

        return PublishedTimeParser.TryParse(text, order, out var value, out var error)
            ? value
            : throw ValidationErrors.Malformed(TextField.PublishedTime, error);
    }

    private static void CheckCharacters(string body)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (char.IsControl(c) && c is not '\t' and not '\r')
            {
                throw ValidationErrors.ControlCharacter(TextField.Body, i, c, line, i - lineStart + 1);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < body.Length && char.IsLowSurrogate(body[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw ValidationErrors.UnpairedSurrogate(TextField.Body, i, c);
            }
        }
    }
}
