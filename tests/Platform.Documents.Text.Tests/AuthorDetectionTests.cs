namespace Platform.Documents.Text.Tests;

/// <summary>The byline and closing-bio rules, through the extractor, on plain text without given authors.</summary>
public sealed class AuthorDetectionTests
{
    private const string Lead =
        "The city council will vote next month on a plan to close two of its four libraries, officials said.";

    private const string Middle =
        "Opponents say the closures will hit the poorest districts hardest and are likely to be challenged in court.";

    [Fact]
    public void Extract_ClosingBioLine_FindsAuthor()
    {
        var article = ArticleTextExtractor.Extract(Samples.Read("opinion-closing-bio.txt"), ContentFormat.PlainText);

        Assert.Equal(["Helena Marsh"], article.Authors);
        Assert.Equal(AuthorRules.ClosingBioLine, article.AuthorRule);
    }

    [Fact]
    public void Extract_BylineUnderHeadline_FindsBothAuthors()
    {
        var article = ArticleTextExtractor.Extract(Samples.Read("news-byline.txt"), ContentFormat.PlainText);

        Assert.Equal(["Daniel Achterberg", "Sofia Lindqvist"], article.Authors);
        Assert.Equal(AuthorRules.Byline, article.AuthorRule);
    }

    [Fact]
    public void Extract_NoAuthorInText_ReturnsNone()
    {
        var article = ArticleTextExtractor.Extract(Samples.Read("no-author.txt"), ContentFormat.PlainText);

        Assert.Empty(article.Authors);
        Assert.Equal(AuthorRules.None, article.AuthorRule);
    }

    [Theory]
    [InlineData("By Jane Doe", "Jane Doe")]
    [InlineData("by: Jane Doe", "Jane Doe")]
    [InlineData("BY MARTA KOWALCZYK", "Marta Kowalczyk")]
    [InlineData("By Jane Doe, John Roe and Ann Poe", "Jane Doe|John Roe|Ann Poe")]
    [InlineData("By Jane Doe & John Roe", "Jane Doe|John Roe")]
    [InlineData("By Jane Doe, Reuters", "Jane Doe")]
    [InlineData("By Jane Doe, Staff Writer", "Jane Doe")]
    [InlineData("By Haider al-Khatib in Basra", "Haider al-Khatib")]
    [InlineData("Written by J. R. Hartley | 3 November 2016", "J. R. Hartley")]
    [InlineData("By Dr Lea Brandt for the Evening Record", "Lea Brandt")]
    [InlineData("Jane Doe, Reuters", "Jane Doe")]
    [InlineData("Lena Fischer, Middle East correspondent", "Lena Fischer")]
    public void Extract_BylineForms_FindsNames(string byline, string expected)
    {
        var article = ArticleTextExtractor.Extract(Samples.Text(byline, Lead, Middle), ContentFormat.PlainText);

        Assert.Equal(expected.Split('|'), article.Authors);
        Assert.Equal(AuthorRules.Byline, article.AuthorRule);
    }

    [Theory]
    [InlineData("Helena Marsh is a senior fellow at the Institute for Coastal Policy.", "Helena Marsh")]
    [InlineData("Dr Amal Haddad is a lecturer in international relations at a university in Leeds.", "Amal Haddad")]
    [InlineData("Prof. Kenji Mori is an economist and the author of two books on trade.", "Kenji Mori")]
    [InlineData("Tomás O'Neill is director of research at Blue Harbour Analytics.", "Tomás O'Neill")]
    [InlineData("Jonas Berg and Mira Sato are researchers at the Nordic Energy Forum.", "Jonas Berg|Mira Sato")]
    [InlineData("Kwame Mensah, a former diplomat, writes on West African politics.", "Kwame Mensah")]
    [InlineData("— Carlos Ibáñez is a London-based freelance journalist.", "Carlos Ibáñez")]
    [InlineData("*Yara Haddad is a visiting senior research fellow at the Gulf Studies Centre.", "Yara Haddad")]
    [InlineData("About the author: Nadia Petrova was a correspondent in Kyiv for ten years.", "Nadia Petrova")]
    public void Extract_ClosingBioForms_FindsNames(string bio, string expected)
    {
        var article = ArticleTextExtractor.Extract(Samples.Text(Lead, Middle, bio), ContentFormat.PlainText);

        Assert.Equal(expected.Split('|'), article.Authors);
        Assert.Equal(AuthorRules.ClosingBioLine, article.AuthorRule);
    }

    [Fact]
    public void Extract_BioLineFollowedByShortParagraphs_StillFound()
    {
        var text = Samples.Text(Lead, Middle, "Ruth Adler is a columnist for the Harbour Gazette.", "Follow her on the fediverse.", "© Harbour Gazette");

        var article = ArticleTextExtractor.Extract(text, ContentFormat.PlainText);

        Assert.Equal(["Ruth Adler"], article.Authors);
    }

    [Fact]
    public void Extract_BioLineMoreThanThreeParagraphsFromEnd_NotUsed()
    {
        var text = Samples.Text("Ruth Adler is a columnist for the Harbour Gazette.", Lead, Middle, Lead, Middle);

        Assert.Equal(AuthorRules.None, ArticleTextExtractor.Extract(text, ContentFormat.PlainText).AuthorRule);
    }

    [Theory]
    [InlineData("Mosul is a city that has outlived empires, and it will outlive this battle too.")]
    [InlineData("The minister is expected to announce the budget on Tuesday.")]
    [InlineData("The Prime Minister is expected to name a new defence secretary within days.")]
    [InlineData("Prime Minister Olaf Brandt is expected to remain in office until the spring.")]
    [InlineData("Peace is a fragile thing, and it will need more than a ceasefire.")]
    [InlineData("New York is a city of analysts and brokers, and all of them are nervous.")]
    [InlineData("Islamic State is a movement that has lost territory but not its appeal.")]
    [InlineData("The Kurds are the real winners of this offensive.")]
    [InlineData("Abdel Karim is expected to become director of the agency next year.")]
    [InlineData("Jane Doe is not a professor, whatever her website says.")]
    [InlineData("“Jane Doe is a fine analyst,” the minister said.")]
    [InlineData("This is a battle of national destiny, as one cleric said.")]
    [InlineData("ISIS is a group of fighters and former officers.")]
    [InlineData("Maria Lopez, a teacher at the village school, said the closures would hurt families.")]
    [InlineData("Omar Farouk is an analyst at the national bank who told reporters rates would rise.")]
    [InlineData("John Kerry was secretary of state when the talks began.")]
    [InlineData("Ahmed Hassan is a father of three who lost his home in the floods.")]
    public void Extract_ClosingParagraphThatIsNotABio_ReturnsNoAuthor(string closing)
    {
        var article = ArticleTextExtractor.Extract(Samples.Text(Lead, Middle, closing), ContentFormat.PlainText);

        Assert.Empty(article.Authors);
        Assert.Equal(AuthorRules.None, article.AuthorRule);
    }

    [Theory]
    [InlineData("By October, the army will have retaken the city.")]
    [InlineData("By then the reservoir will be empty.")]
    [InlineData("By Friday Night the talks had collapsed.")]
    [InlineData("Baghdad, Iraq")]
    [InlineData("New York, Reuters")]
    [InlineData("By the Editorial Board")]
    public void Extract_OpeningLineThatIsNotAByline_ReturnsNoAuthor(string opening)
    {
        var article = ArticleTextExtractor.Extract(Samples.Text(opening, Lead, Middle), ContentFormat.PlainText);

        Assert.Empty(article.Authors);
        Assert.Equal(AuthorRules.None, article.AuthorRule);
    }

    [Fact]
    public void Extract_BylineAndBio_BylineWins()
    {
        var text = Samples.Text("By Jane Doe", Lead, Middle, "John Roe is a senior analyst at the Harbour Institute.");

        var article = ArticleTextExtractor.Extract(text, ContentFormat.PlainText);

        Assert.Equal(["Jane Doe"], article.Authors);
        Assert.Equal(AuthorRules.Byline, article.AuthorRule);
    }

    [Fact]
    public void Extract_GivenAuthors_NoDetection()
    {
        var article = ArticleTextExtractor.Extract(
            Samples.Read("news-byline.txt"), ContentFormat.PlainText, new ArticleHints { Authors = ["Desk Editor Name"] });

        Assert.Equal(["Desk Editor Name"], article.Authors);
        Assert.Equal(AuthorRules.Given, article.AuthorRule);
    }
}
