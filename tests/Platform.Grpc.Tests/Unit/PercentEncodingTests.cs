using Platform.Grpc.Internal;

namespace Platform.Grpc.Tests.Unit;

public sealed class PercentEncodingTests
{
    [Fact]
    public void Encode_PrintableAscii_IsUnchanged() => Assert.Equal("plain text: ok!", PercentEncoding.Encode("plain text: ok!"));

    [Fact]
    public void Encode_PercentControlAndUnicode_AreEscapedAsUtf8Bytes() =>
        Assert.Equal("100%25%0A%E2%98%BA", PercentEncoding.Encode("100%\n☺"));

    [Theory]
    [InlineData("\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n")]
    [InlineData("%%%")]
    [InlineData("")]
    public void Decode_OfEncode_RoundTrips(string text) => Assert.Equal(text, PercentEncoding.Decode(PercentEncoding.Encode(text)));

    [Fact]
    public void Decode_MalformedEscape_IsKeptLiterally() => Assert.Equal("50%zz and %4", PercentEncoding.Decode("50%zz and %4"));
}
