namespace Platform.Documents.Text.Tests;

public sealed class ArticleTextExtractorMarkdownTests
{
    private static readonly ExtractedArticle Copper =
        ArticleTextExtractor.Extract(Samples.Read("copper-column.md"), ContentFormat.Markdown);

    [Fact]
    public void Extract_MarkdownColumn_FirstLevelOneHeadingIsTitleNotBody()
    {
        Assert.Equal("Copper's long squeeze is only beginning", Copper.Title);
        Assert.DoesNotContain("long squeeze", Copper.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_MarkdownColumn_KeepsProseAndHeadingsAsParagraphs()
    {
        string[] expected =
        [
            "The price of copper has risen by a quarter since January, and most of the commentary treats the rally as a speculative blip. It is not. The smelter pipeline tells a different story, and it points to higher prices for years, not months.",
            "Supply",
            "Three of the largest mines in the Andes are past their peak grades. Their operators have said as much in their annual reports, and new projects take a decade from permit to first ore. The LME warehouse stock count is already below 100,000 tonnes.",
            "Permitting in the main producing countries has slowed.",
            "Water rights are contested in every major basin.",
            "Smelter capacity outside one country barely grew in five years.",
            "A deficit of this size does not close on its own. It closes when demand gives way.",
            "What to expect",
            "Unless a recession cuts demand first, prices will very likely stay above $9,000 a tonne through 2026.",
            "Priya Raman is a senior analyst at Harbourline Research, where she covers base metals.",
        ];

        Assert.Equal(expected, Samples.Paragraphs(Copper));
    }

    [Theory]
    [InlineData("deficit = demand - supply")]
    [InlineData("chart-embed")]
    [InlineData("Warehouse stocks")]
    [InlineData("https://metals.example.net")]
    [InlineData("**")]
    [InlineData("---")]
    public void Extract_MarkdownColumn_DropsCodeHtmlImagesUrlsAndMarkup(string dropped)
    {
        Assert.DoesNotContain(dropped, Copper.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_MarkdownColumn_AuthorFromClosingBioLine()
    {
        Assert.Equal(["Priya Raman"], Copper.Authors);
        Assert.Equal(AuthorRules.ClosingBioLine, Copper.AuthorRule);
        Assert.Null(Copper.PublishedAt);
        Assert.Null(Copper.Language);
    }

    [Fact]
    public void Extract_MarkdownFrontMatter_ReadsTitleAuthorsAndDate()
    {
        const string markdown = """
            ---
            title: "Shipping rates after the canal reopens"
            authors:
              - Lars Eriksen
              - Amina Yusuf
            date: 2021-04-02
            tags: [shipping, canals]
            ---

            # A different heading in the text

            Freight rates will fall by half within the quarter, brokers say.
            """;

        var article = ArticleTextExtractor.Extract(markdown, ContentFormat.Markdown);

        Assert.Equal("Shipping rates after the canal reopens", article.Title);
        Assert.Equal(["Lars Eriksen", "Amina Yusuf"], article.Authors);
        Assert.Equal(AuthorRules.FrontMatter, article.AuthorRule);
        Assert.Equal(new DateTimeOffset(2021, 4, 2, 0, 0, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal(PublishedRules.FrontMatter, article.PublishedRule);
        Assert.Equal("Freight rates will fall by half within the quarter, brokers say.", article.Body);
    }

    [Fact]
    public void Extract_MarkdownWithGivenTitle_HintWinsAndHeadlineStaysOutOfBody()
    {
        const string markdown = "# Draft headline\n\nThe harbour will close for repairs in March.\n\n## Later section\n\nMore text here.";

        var article = ArticleTextExtractor.Extract(markdown, ContentFormat.Markdown, new ArticleHints { Title = "Final headline" });

        Assert.Equal("Final headline", article.Title);
        Assert.Equal("The harbour will close for repairs in March.\n\nLater section\n\nMore text here.", article.Body);
    }

    [Fact]
    public void Extract_MarkdownHardLineBreak_KeptAsLineInParagraph()
    {
        const string markdown = "First line of a verse  \nsecond line of the verse\nand a soft-wrapped continuation.";

        var article = ArticleTextExtractor.Extract(markdown, ContentFormat.Markdown);

        Assert.Equal("First line of a verse\nsecond line of the verse and a soft-wrapped continuation.", article.Body);
    }
}
