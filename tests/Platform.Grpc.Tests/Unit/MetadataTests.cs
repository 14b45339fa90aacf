namespace Platform.Grpc.Tests.Unit;

public sealed class MetadataTests
{
    [Fact]
    public void Add_UpperCaseKey_IsStoredLowerCase()
    {
        var metadata = new Metadata { { "X-Trace", "abc" } };
        Assert.Equal("x-trace", metadata[0].Key);
        Assert.Equal("abc", metadata.GetValue("x-trace"));
    }

    [Theory]
    [InlineData("bad key")]
    [InlineData("grpc-status")]
    [InlineData("ключ")]
    public void Add_InvalidOrReservedKey_ThrowsNamingTheKey(string key)
    {
        var e = Assert.Throws<ArgumentException>(() => new Metadata().Add(key, "v"));
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_BinaryValueOnTextKey_Throws() =>
        Assert.Throws<ArgumentException>(() => new Metadata().Add("plain", [1, 2]));

    [Fact]
    public void Add_TextValueOnBinaryKey_Throws() =>
        Assert.Throws<ArgumentException>(() => new Metadata().Add("data-bin", "text"));

    [Fact]
    public void Add_NonAsciiTextValue_Throws() =>
        Assert.Throws<ArgumentException>(() => new Metadata().Add("name", "café"));
}
