namespace Platform.Documents.Text.Tests;

/// <summary>A publication date the text itself states in its opening lines, for articles without metadata.</summary>
public sealed class DateLineTests
{
    [Theory]
    [InlineData("3 November 2016\n\nThe central bank will probably raise rates.", 2016, 11, 3)]
    [InlineData("Published on November 3, 2016\n\nThe central bank will probably raise rates.", 2016, 11, 3)]
    [InlineData("Published: 2016-11-03\n\nThe central bank will probably raise rates.", 2016, 11, 3)]
    [InlineData("First published Thursday 3 November 2016 10.52 GMT\n\nText.", 2016, 11, 3)]
    [InlineData("By Jane Doe | 3 November 2016\n\nThe central bank will probably raise rates.", 2016, 11, 3)]
    [InlineData("By Jane Doe, Nov. 3, 2016\n\nText.", 2016, 11, 3)]
    [InlineData("LONDON, 3 November 2016 — The central bank will probably raise rates, economists said.", 2016, 11, 3)]
    [InlineData("BAGHDAD (Nov. 3, 2016) - Officials said the bridge would reopen within a year.", 2016, 11, 3)]
    [InlineData("The Harbour Review\n\nLONDON, 3 November 2016 -- Rates will rise.", 2016, 11, 3)]
    public void AStatedDate_InTheOpeningLines_IsThePublicationDate(string text, int year, int month, int day)
    {
        var article = ArticleTextExtractor.Extract(text, ContentFormat.PlainText);

        Assert.Equal(new DateOnly(year, month, day), DateOnly.FromDateTime(article.PublishedAt!.Value.UtcDateTime));
        Assert.Equal(PublishedRules.DateLine, article.PublishedRule);
    }

    [Theory]
    [InlineData("The bridge opened on 3 November 2016 after years of delay, and traffic will probably double.")] // an event's date, in a sentence
    [InlineData("03/11/2016\n\nText.")] // either 3 November or 11 March
    [InlineData("One.\n\nTwo.\n\nThree.\n\n3 November 2016\n\nFour.")] // past the opening lines
    [InlineData("Elections in 2016\n\nText.")] // a year is not a date
    [InlineData("Agenda\n\n- 1 March 2027\n\nText.")] // a list item
    [InlineData("On 4 July 2016\n\nText.")] // a sentence's opening, not a date line
    [InlineData("Updated on 4 May 2021\n\nText.")] // when it changed, not when it appeared
    [InlineData("Published on 3 November 2999\n\nText.")] // still to come
    public void NoStatedPublicationDate_LeavesItUnknown(string text)
    {
        var article = ArticleTextExtractor.Extract(text, ContentFormat.PlainText);

        Assert.Null(article.PublishedAt);
        Assert.Equal(PublishedRules.None, article.PublishedRule);
    }

    [Fact]
    public void MetadataAndTheCallersDate_ComeFirst()
    {
        const string Markdown = "---\npublished: 2020-01-02\n---\n3 November 2016\n\nText.";

        var fromFrontMatter = ArticleTextExtractor.Extract(Markdown, ContentFormat.Markdown);
        var given = ArticleTextExtractor.Extract("3 November 2016\n\nText.", ContentFormat.PlainText,
            new ArticleHints { PublishedAt = new DateTimeOffset(2019, 5, 6, 0, 0, 0, TimeSpan.Zero) });

        Assert.Equal((2020, PublishedRules.FrontMatter), (fromFrontMatter.PublishedAt!.Value.Year, fromFrontMatter.PublishedRule));
        Assert.Equal((2019, PublishedRules.Given), (given.PublishedAt!.Value.Year, given.PublishedRule));
    }
}
