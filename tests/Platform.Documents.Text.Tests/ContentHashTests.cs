using System.Security.Cryptography;
using System.Text;

namespace Platform.Documents.Text.Tests;

public sealed class ContentHashTests
{
    private const string Body =
        "The wall will almost certainly be approved before the next election.\n\nWhether it is built is another matter.";

    [Theory]
    [InlineData("The wall will almost certainly be approved before the next election.\r\n\r\nWhether it is built is another matter.")]
    [InlineData("The wall will almost certainly be approved before the next election. Whether it is built is another matter.")]
    [InlineData("  The wall will almost\ncertainly be approved before\nthe next election.\n\n\n\nWhether it is built is\nanother matter.  \n")]
    [InlineData("The wall will\talmost certainly be approved before the next election.\u00A0Whether it is built is another matter.")]
    [InlineData("The wall will almost certainly be approved before the next election.\u2029Whether it is built is another matter.")]
    public void Compute_SameTextOtherWhitespace_SameHash(string variant)
    {
        Assert.Equal(ContentHash.Compute(Body), ContentHash.Compute(variant));
    }

    [Fact]
    public void Compute_ComposedAndDecomposedAccents_SameHash()
    {
        Assert.Equal(ContentHash.Compute("Caf\u00E9 owners expect a quiet winter."), ContentHash.Compute("Cafe\u0301 owners expect a quiet winter."));
    }

    [Theory]
    [InlineData("The wall will almost certainly be rejected before the next election.\n\nWhether it is built is another matter.")]
    [InlineData("the wall will almost certainly be approved before the next election.\n\nWhether it is built is another matter.")]
    [InlineData("The wall will almost certainly be approved before the next election!\n\nWhether it is built is another matter.")]
    [InlineData("The wall will almost certainly be approved before the next election.\n\nWhether it is built is another matter. It will not be.")]
    [InlineData("The wall will almost certainly be approved before the next election.Whether it is built is another matter.")]
    public void Compute_ContentChanged_DifferentHash(string changed)
    {
        Assert.NotEqual(ContentHash.Compute(Body), ContentHash.Compute(changed));
    }

    [Fact]
    public void Compute_Text_IsSha256HexOfCanonicalUtf8()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("Whether it is built")));

        Assert.Equal(expected, ContentHash.Compute(" Whether\n\tit  is\r\nbuilt \n"));
        Assert.Matches("^[0-9a-f]{64}$", expected);
    }

    [Fact]
    public void Compute_KnownVector_MatchesSha256()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentHash.Compute("\n abc \n"));
    }

    [Fact]
    public void Compute_SameArticleRewrappedAndReformatted_SameHashAfterExtraction()
    {
        var original = Samples.Read("opinion-closing-bio.txt");
        var rewrapped = string.Join("\r\n\r\n", original.Split("\n\n").Select(p => p.Replace("\n", " ", StringComparison.Ordinal)));
        var asHtml = "<article>" + string.Concat(original.Split("\n\n").Select(p => $"<p>\n  {p}\n</p>")) + "</article>";
        var asMarkdown = original.Replace("\n\n", "\n\n\n", StringComparison.Ordinal);

        var hash = ContentHash.Compute(ArticleTextExtractor.Extract(original, ContentFormat.PlainText).Body);

        Assert.Equal(hash, ContentHash.Compute(ArticleTextExtractor.Extract(rewrapped, ContentFormat.PlainText).Body));
        Assert.Equal(hash, ContentHash.Compute(ArticleTextExtractor.Extract(asHtml, ContentFormat.Html).Body));
        Assert.Equal(hash, ContentHash.Compute(ArticleTextExtractor.Extract(asMarkdown, ContentFormat.Markdown).Body));
    }

    [Fact]
    public void Compute_UnpairedSurrogate_HashesLikeReplacementCharacter()
    {
        Assert.Equal(ContentHash.Compute("a \uFFFD b"), ContentHash.Compute("a \uD800 b"));
    }

    [Fact]
    public void Compute_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ContentHash.Compute(null!));
    }
}
