namespace Platform.Documents.Text.Tests;

public sealed class ArticleTextExtractorHtmlTests
{
    private static readonly ExtractedArticle RiverPort =
        ArticleTextExtractor.Extract(Samples.Read("river-port-article.html"), ContentFormat.Html);

    private static readonly ExtractedArticle WheatHarvest =
        ArticleTextExtractor.Extract(Samples.Read("wheat-harvest-page.html"), ContentFormat.Html);

    [Theory]
    [InlineData("cookies")]
    [InlineData("Accept all")]
    [InlineData("Markets")]
    [InlineData("Share on Mastodon")]
    [InlineData("Email this article")]
    [InlineData("Photo: Ledger Picture Desk")]
    [InlineData("Tags:")]
    [InlineData("Reader comment")]
    [InlineData("Comments (12)")]
    [InlineData("Danube grain barges")]
    [InlineData("Related")]
    [InlineData("Most read")]
    [InlineData("morning briefing")]
    [InlineData("All rights reserved")]
    [InlineData("dataLayer")]
    [InlineData("position: fixed")]
    public void Extract_ArticleAmidBoilerplate_BoilerplateAbsent(string boilerplate)
    {
        Assert.DoesNotContain(boilerplate, RiverPort.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_ArticleAmidBoilerplate_KeepsParagraphHeadingQuoteAndListBreaks()
    {
        var paragraphs = Samples.Paragraphs(RiverPort);

        Assert.Equal(11, paragraphs.Length);
        Assert.Equal("Shippers are already loading barges to a third of capacity at the Kaub gauge.", paragraphs[0]);
        Assert.StartsWith("For the third summer in five, the water at the Kaub gauge has fallen below", paragraphs[1], StringComparison.Ordinal);
        Assert.EndsWith("they load less, charge more and wait for rain.", paragraphs[1], StringComparison.Ordinal);
        Assert.Contains("expects rainfall in the Alpine catchment", paragraphs[2], StringComparison.Ordinal);
        Assert.Equal("What the freight market is pricing", paragraphs[3]);
        Assert.Equal("“Rail cannot take the whole load. Maybe a fifth of it, on a good week,” one logistics manager said.", paragraphs[5]);
        Assert.Equal("Three things would change the picture:", paragraphs[6]);
        Assert.Equal("an early autumn storm system over the Black Forest;", paragraphs[7]);
        Assert.Equal("a sharp drop in coal shipments, which still fill a large share of the fleet.", paragraphs[9]);
        Assert.StartsWith("None of them is in sight this year.", paragraphs[10], StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_ArticleAmidBoilerplate_HeadlineIsTitleAndNotInBody()
    {
        Assert.Equal("Low water will choke the Rhine barge trade again this autumn", RiverPort.Title);
        Assert.DoesNotContain("Low water will choke", RiverPort.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_ArticleWithHeadMetadata_ReadsAuthorTimeLanguageAndCanonicalUrl()
    {
        Assert.Equal(["Tomasz Wielgosz"], RiverPort.Authors);
        Assert.Equal(AuthorRules.HtmlMeta, RiverPort.AuthorRule);
        Assert.Equal(new DateTimeOffset(2024, 8, 14, 6, 30, 0, TimeSpan.Zero), RiverPort.PublishedAt);
        Assert.Equal(TimeSpan.Zero, RiverPort.PublishedAt!.Value.Offset);
        Assert.Equal(PublishedRules.HtmlMeta, RiverPort.PublishedRule);
        Assert.Equal("en-GB", RiverPort.Language);
        Assert.Equal("https://ledger.example.com/analysis/2024/08/rhine-low-water", RiverPort.Url);
    }

    [Fact]
    public void Extract_PageWithoutArticleElement_FindsStoryByTextDensity()
    {
        var paragraphs = Samples.Paragraphs(WheatHarvest);

        Assert.Equal(4, paragraphs.Length);
        Assert.StartsWith("Growers across the southern prairie", paragraphs[0], StringComparison.Ordinal);
        Assert.StartsWith("If the heat holds through the first week of August", paragraphs[3], StringComparison.Ordinal);
        Assert.DoesNotContain("Canola", WheatHarvest.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Rail car shortage", WheatHarvest.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Independent farm news", WheatHarvest.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("About the Courier", WheatHarvest.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_PageWithoutArticleElement_ReadsTitleJsonLdAuthorAndTimeElement()
    {
        Assert.Equal("Why the prairie wheat harvest will shrink again", WheatHarvest.Title);
        Assert.Equal(["Ruth Okonkwo-Baines"], WheatHarvest.Authors);
        Assert.Equal(AuthorRules.JsonLd, WheatHarvest.AuthorRule);
        Assert.Equal(new DateTimeOffset(2023, 7, 21, 20, 5, 0, TimeSpan.Zero), WheatHarvest.PublishedAt);
        Assert.Equal(PublishedRules.HtmlTime, WheatHarvest.PublishedRule);
        Assert.Equal("en", WheatHarvest.Language);
        Assert.Null(WheatHarvest.Url);
    }

    [Fact]
    public void Extract_ArticleElementsAreOnlyTeasers_UsesDensestBlock()
    {
        const string html = """
            <html><body>
              <article class="teaser"><p>Teaser: rates decision due on Thursday afternoon.</p></article>
              <article class="teaser"><p>Teaser: the housing market cools for a third month.</p></article>
              <div class="content">
                <p>The central bank will probably hold its main rate at four per cent this week, according to
                   most of the economists who answered the monthly survey of forecasters.</p>
                <p>A minority expect a cut before the summer, pointing to the sharp fall in core inflation since
                   the start of the year and to weaker hiring in services.</p>
              </div>
            </body></html>
            """;

        var article = ArticleTextExtractor.Extract(html, ContentFormat.Html);

        Assert.Equal(2, Samples.Paragraphs(article).Length);
        Assert.StartsWith("The central bank will probably hold", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Teaser", article.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<title>Budget talks collapse | Evening Record</title>", "Budget talks collapse")]
    [InlineData("<title>Budget talks collapse - Evening Record</title><meta property=\"og:site_name\" content=\"Evening Record\">", "Budget talks collapse")]
    [InlineData("<title>Budget talks - what comes next</title>", "Budget talks - what comes next")]
    [InlineData("<title>Ignored | Site</title><meta property=\"og:title\" content=\"The og headline\">", "The og headline")]
    public void Extract_NoHeadlineInArticle_TitleFromHeadWithoutSiteName(string head, string expected)
    {
        var html = $"<html><head>{head}</head><body><article><p>Talks on the budget ended without agreement late last night.</p></article></body></html>";

        Assert.Equal(expected, ArticleTextExtractor.Extract(html, ContentFormat.Html).Title);
    }

    [Fact]
    public void Extract_BreaksAndInlineMarkup_OneBreakIsLineTwoAreParagraph()
    {
        const string html = """
            <article><div>First line of the address<br>Second line of it<br><br>A new   paragraph with
            <em>emphasis</em>, a <a href="/x">link</a> and&nbsp;an entity &amp; more.</div></article>
            """;

        var article = ArticleTextExtractor.Extract(html, ContentFormat.Html);

        Assert.Equal(
            "First line of the address\nSecond line of it\n\nA new paragraph with emphasis, a link and an entity & more.",
            article.Body);
    }

    [Fact]
    public void Extract_HiddenElements_Dropped()
    {
        const string html = """
            <article>
              <p>Visible text about the election result that readers should see in the body.</p>
              <p style="display: none">Hidden tracking text.</p>
              <p hidden>Also hidden.</p>
              <div aria-hidden="true">Screen readers skip this too.</div>
            </article>
            """;

        Assert.Equal(
            "Visible text about the election result that readers should see in the body.",
            ArticleTextExtractor.Extract(html, ContentFormat.Html).Body);
    }

    [Fact]
    public void Extract_RelativeCanonical_FallsBackToOgUrl()
    {
        const string html = """
            <html><head><link rel="canonical" href="/relative/path">
            <meta property="og:url" content="https://news.example.org/story/42"></head>
            <body><article><p>Some article text long enough to count as a paragraph.</p></article></body></html>
            """;

        Assert.Equal("https://news.example.org/story/42", ArticleTextExtractor.Extract(html, ContentFormat.Html).Url);
    }

    [Fact]
    public void Extract_JsonLdDatePublishedAndMalformedBlock_UsesValidBlock()
    {
        const string html = """
            <html><head>
            <script type="application/ld+json">{ this is not json </script>
            <script type="application/ld+json">[{"@type":"OpinionNewsArticle","datePublished":"2022-05-09T07:00:00Z",
              "author":{"@type":"Person","name":"Ines Carvalho"}}]</script>
            </head><body><article><p>An opinion about the regional elections and what they will change.</p></article></body></html>
            """;

        var article = ArticleTextExtractor.Extract(html, ContentFormat.Html);

        Assert.Equal(new DateTimeOffset(2022, 5, 9, 7, 0, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal(PublishedRules.JsonLd, article.PublishedRule);
        Assert.Equal(["Ines Carvalho"], article.Authors);
        Assert.Equal(AuthorRules.JsonLd, article.AuthorRule);
    }

    [Fact]
    public void Extract_ItempropAuthorInArticle_UsesHtmlMetaRule()
    {
        const string html = """
            <article><p class="byline">Words: <span itemprop="author" itemscope><span itemprop="name">Olu Adeyemi</span></span></p>
            <p>The transport ministry is expected to publish its rail plan before the end of the month.</p></article>
            """;

        var article = ArticleTextExtractor.Extract(html, ContentFormat.Html);

        Assert.Equal(["Olu Adeyemi"], article.Authors);
        Assert.Equal(AuthorRules.HtmlMeta, article.AuthorRule);
    }

    [Fact]
    public void Extract_HtmlWithoutAuthorMetadata_FallsBackToClosingBioLine()
    {
        const string html = """
            <article><h1>The grid will not be ready</h1>
            <p>Grid operators have warned for years that the network cannot absorb the new wind farms in time.</p>
            <p>Their warnings will probably be ignored again in this year's budget.</p>
            <p><em>Sanna Virtanen is an energy analyst at the Baltic Power Observatory.</em></p></article>
            """;

        var article = ArticleTextExtractor.Extract(html, ContentFormat.Html);

        Assert.Equal(["Sanna Virtanen"], article.Authors);
        Assert.Equal(AuthorRules.ClosingBioLine, article.AuthorRule);
        Assert.Equal(PublishedRules.None, article.PublishedRule);
        Assert.Null(article.PublishedAt);
    }

    [Fact]
    public void Extract_EmptyHtml_EmptyBodyAndNoMetadata()
    {
        var article = ArticleTextExtractor.Extract("<html><body></body></html>", ContentFormat.Html);

        Assert.Equal(string.Empty, article.Body);
        Assert.Null(article.Title);
        Assert.Empty(article.Authors);
        Assert.Equal(AuthorRules.None, article.AuthorRule);
    }
}
