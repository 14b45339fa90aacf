namespace Platform.Documents.Text.Tests;

public sealed class ArticleTextExtractorPlainTextTests
{
    [Fact]
    public void Extract_CrLfTrailingSpacesAndBlankLineRuns_Normalised()
    {
        const string text = "  First paragraph.   \r\n\r\n\r\n\r\nSecond paragraph.\t\r\n   \r\nThird.\rStill third.\r\n";

        var article = ArticleTextExtractor.Extract(text, ContentFormat.PlainText);

        Assert.Equal("First paragraph.\n\nSecond paragraph.\n\nThird.\nStill third.", article.Body);
    }

    [Fact]
    public void Extract_HardWrappedParagraphs_LinesJoined()
    {
        var article = ArticleTextExtractor.Extract(Samples.Read("opinion-closing-bio.txt"), ContentFormat.PlainText);
        var paragraphs = Samples.Paragraphs(article);

        Assert.Equal(4, paragraphs.Length);
        Assert.All(paragraphs, p => Assert.DoesNotContain('\n', p));
        Assert.Equal(
            "This year may be different. The floods of last winter reached the market square of Vellmar for the first time since records began, and the insurers have noticed. Two of the largest have said they will stop writing new household policies in the lowest-lying districts from next spring.",
            paragraphs[1]);
    }

    [Fact]
    public void Extract_ShortLinesAndLists_LineBreaksKept()
    {
        const string text = """
            What the council promised:
            - a new bridge by 2027
            - a bypass by 2030

            The old mill,
            by the river,
            is gone.
            """;

        var article = ArticleTextExtractor.Extract(text, ContentFormat.PlainText);

        Assert.Equal(
            "What the council promised:\n- a new bridge by 2027\n- a bypass by 2030\n\nThe old mill,\nby the river,\nis gone.",
            article.Body);
    }

    [Fact]
    public void Extract_PlainText_NoTitleNoLanguageNoUrl()
    {
        var article = ArticleTextExtractor.Extract(Samples.Read("news-byline.txt"), ContentFormat.PlainText);

        Assert.Null(article.Title);
        Assert.Null(article.Language);
        Assert.Null(article.Url);
        Assert.Null(article.PublishedAt);
        Assert.Equal(PublishedRules.None, article.PublishedRule);
        Assert.StartsWith("Port strike set to spread to southern terminals\n\nBy Daniel Achterberg", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_GivenHints_WinOverContent()
    {
        var hints = new ArticleHints
        {
            Title = "  Given   title ",
            Authors = ["Maren Holt", " "],
            PublishedAt = new DateTimeOffset(2020, 1, 2, 10, 0, 0, TimeSpan.FromHours(3)),
            Url = "https://example.com/given",
        };

        var article = ArticleTextExtractor.Extract(Samples.Read("opinion-closing-bio.txt"), ContentFormat.PlainText, hints);

        Assert.Equal("Given title", article.Title);
        Assert.Equal(["Maren Holt"], article.Authors);
        Assert.Equal(AuthorRules.Given, article.AuthorRule);
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 7, 0, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal(TimeSpan.Zero, article.PublishedAt!.Value.Offset);
        Assert.Equal(PublishedRules.Given, article.PublishedRule);
        Assert.Equal("https://example.com/given", article.Url);
    }

    [Fact]
    public void Extract_DecomposedAccentsAndByteOrderMark_BodyIsNfcWithoutMark()
    {
        var article = ArticleTextExtractor.Extract("\uFEFFCafe\u0301 owners expect a quiet winter.", ContentFormat.PlainText);

        Assert.Equal("Caf\u00E9 owners expect a quiet winter.", article.Body);
    }

    [Fact]
    public void Extract_UnknownFormat_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ArticleTextExtractor.Extract("text", (ContentFormat)42));
    }
}
