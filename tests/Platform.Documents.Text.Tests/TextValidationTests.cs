using System.Text;

namespace Platform.Documents.Text.Tests;

public sealed class TextValidationTests
{
    [Fact]
    public void ValidateBody_OrdinaryText_Accepted()
    {
        TextValidation.ValidateBody("Line one.\tTabbed.\r\nLine two.\n\nÜber café — “quoted” 😀.");
    }

    [Theory]
    [InlineData(null, "body is empty")]
    [InlineData("", "body is empty")]
    [InlineData(" \n\t\u00A0 ", "body contains only whitespace")]
    public void ValidateBody_EmptyOrWhitespace_ThrowsEmptyNamingBody(string? body, string message)
    {
        var error = Assert.Throws<TextValidationException>(() => TextValidation.ValidateBody(body));

        Assert.Equal(TextField.Body, error.Field);
        Assert.Equal(TextValidationReason.Empty, error.Reason);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ValidateBody_OverLimitInUtf8Bytes_ThrowsTooLarge()
    {
        var options = new TextValidationOptions { MaxBodyBytes = 10 };

        TextValidation.ValidateBody("éééé", options);
        var error = Assert.Throws<TextValidationException>(() => TextValidation.ValidateBody("ééééé é", options));

        Assert.Equal(TextField.Body, error.Field);
        Assert.Equal(TextValidationReason.TooLarge, error.Reason);
        Assert.Equal("body is 13 bytes of UTF-8; the limit is 10", error.Message);
    }

    [Fact]
    public void ValidateBody_DefaultLimit_Is2MiB()
    {
        TextValidation.ValidateBody(new string('a', 2 * 1024 * 1024));
        var error = Assert.Throws<TextValidationException>(() => TextValidation.ValidateBody(new string('a', (2 * 1024 * 1024) + 1)));

        Assert.Equal(TextValidationReason.TooLarge, error.Reason);
        Assert.Contains("the limit is 2,097,152", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("line one\nline\u0007two", "U+0007 at line 2, column 5 (index 13)")]
    [InlineData("nul\0", "U+0000 at line 1, column 4 (index 3)")]
    [InlineData("escape \u001B[31m", "U+001B")]
    [InlineData("delete \u007F", "U+007F")]
    [InlineData("c1 \u0085 control", "U+0085")]
    public void ValidateBody_ControlCharacter_ThrowsNamingPosition(string body, string expected)
    {
        var error = Assert.Throws<TextValidationException>(() => TextValidation.ValidateBody(body));

        Assert.Equal(TextField.Body, error.Field);
        Assert.Equal(TextValidationReason.ControlCharacter, error.Reason);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("only tab and line breaks are allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateBody_UnpairedSurrogate_ThrowsInvalidEncoding()
    {
        var error = Assert.Throws<TextValidationException>(() => TextValidation.ValidateBody("ok \uD83D then"));

        Assert.Equal(TextValidationReason.InvalidEncoding, error.Reason);
        Assert.Equal("body contains an unpaired surrogate U+D83D at index 3", error.Message);
    }

    [Fact]
    public void FromUtf8_ValidBytesWithBom_ReturnsTextWithoutBom()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Prices will rise — très vite.")];

        Assert.Equal("Prices will rise — très vite.", TextValidation.FromUtf8(bytes));
    }

    [Fact]
    public void FromUtf8_InvalidByte_ErrorNamesByteOffset()
    {
        byte[] bytes = [.. "abc"u8, 0xFF, .. "def"u8];

        var error = Assert.Throws<TextValidationException>(() => TextValidation.FromUtf8(bytes));

        Assert.Equal(TextField.Body, error.Field);
        Assert.Equal(TextValidationReason.InvalidEncoding, error.Reason);
        Assert.Equal("body is not valid UTF-8: invalid byte 0xFF at byte offset 3", error.Message);
    }

    [Fact]
    public void FromUtf8_InvalidByteAfterBomAndMultibyteText_OffsetCountsFromStartOfInput()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "é"u8, 0xC0, 0xAF];

        var error = Assert.Throws<TextValidationException>(() => TextValidation.FromUtf8(bytes));

        Assert.Equal("body is not valid UTF-8: invalid byte 0xC0 at byte offset 5", error.Message);
    }

    [Fact]
    public void FromUtf8_TruncatedSequence_ErrorSaysCutOff()
    {
        byte[] bytes = [.. "abc"u8, 0xE2, 0x82];

        var error = Assert.Throws<TextValidationException>(() => TextValidation.FromUtf8(bytes));

        Assert.Contains("byte offset 3 (0xE2) is cut off by the end of the input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromUtf8_EncodedSurrogate_Rejected()
    {
        byte[] bytes = [.. "ab"u8, 0xED, 0xA0, 0x80];

        var error = Assert.Throws<TextValidationException>(() => TextValidation.FromUtf8(bytes));

        Assert.Contains("at byte offset 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromUtf8_OverLimit_RejectedBeforeDecoding()
    {
        byte[] bytes = [.. "abcdef"u8, 0xFF];

        var error = Assert.Throws<TextValidationException>(() => TextValidation.FromUtf8(bytes, new TextValidationOptions { MaxBodyBytes = 4 }));

        Assert.Equal(TextValidationReason.TooLarge, error.Reason);
    }

    [Fact]
    public void FromUtf8_ControlCharacterOrEmpty_ValidatedAsBody()
    {
        Assert.Equal(TextValidationReason.ControlCharacter, Assert.Throws<TextValidationException>(() => TextValidation.FromUtf8("a\u0001"u8)).Reason);
        Assert.Equal(TextValidationReason.Empty, Assert.Throws<TextValidationException>(() => TextValidation.FromUtf8([])).Reason);
        Assert.Equal(TextValidationReason.Empty, Assert.Throws<TextValidationException>(() => TextValidation.FromUtf8([0xEF, 0xBB, 0xBF])).Reason);
    }

    [Fact]
    public void ParseUrl_AbsoluteHttps_ReturnsUri()
    {
        Assert.Equal(new Uri("https://news.example.org/a?b=1"), TextValidation.ParseUrl("https://news.example.org/a?b=1"));
    }

    [Theory]
    [InlineData("", TextValidationReason.Empty)]
    [InlineData("   ", TextValidationReason.Empty)]
    [InlineData("ftp://files.example.org/a", TextValidationReason.Malformed)]
    [InlineData("/relative/path", TextValidationReason.Malformed)]
    [InlineData("news.example.org/a", TextValidationReason.Malformed)]
    [InlineData("https://news.example.org/a b", TextValidationReason.Malformed)]
    [InlineData("javascript:alert(1)", TextValidationReason.Malformed)]
    public void ParseUrl_Invalid_ThrowsNamingUrl(string url, TextValidationReason reason)
    {
        var error = Assert.Throws<TextValidationException>(() => TextValidation.ParseUrl(url));

        Assert.Equal(TextField.Url, error.Field);
        Assert.Equal(reason, error.Reason);
        Assert.StartsWith("url ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseUrl_TooLong_ThrowsTooLarge()
    {
        var error = Assert.Throws<TextValidationException>(() => TextValidation.ParseUrl("https://example.org/" + new string('a', 2100)));

        Assert.Equal(TextField.Url, error.Field);
        Assert.Equal(TextValidationReason.TooLarge, error.Reason);
    }

    [Fact]
    public void ParsePublishedTime_Valid_ReturnsUtc()
    {
        Assert.Equal(new DateTimeOffset(2016, 11, 3, 10, 52, 0, TimeSpan.Zero), TextValidation.ParsePublishedTime("Thursday 3 November 2016 10.52 GMT"));
    }

    [Theory]
    [InlineData("", TextValidationReason.Empty, "published_time is empty")]
    [InlineData("03/11/2016", TextValidationReason.Malformed, "ambiguous date")]
    [InlineData("soon", TextValidationReason.Malformed, "unrecognised 'soon'")]
    public void ParsePublishedTime_Invalid_ThrowsNamingPublishedTime(string text, TextValidationReason reason, string message)
    {
        var error = Assert.Throws<TextValidationException>(() => TextValidation.ParsePublishedTime(text));

        Assert.Equal(TextField.PublishedTime, error.Field);
        Assert.Equal(reason, error.Reason);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParsePublishedTime_WithDateOrder_UsesIt()
    {
        Assert.Equal(new DateTimeOffset(2016, 11, 3, 0, 0, 0, TimeSpan.Zero), TextValidation.ParsePublishedTime("03/11/2016", DateOrder.DayFirst));
    }
}
