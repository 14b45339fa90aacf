using Platform.Client.Resolutions;
using Platform.Predictions.V1;

namespace Platform.Cli.Tests;

public sealed class ResolutionsFileTests
{
    [Fact]
    public void Csv_QuotedFields_HoldCommasDoubledQuotesAndLineBreaks()
    {
        var records = CsvReader.Read("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x,\r\nlast,,\"\"").ToList();

        Assert.Equal(["a", "b, c", "say \"hi\""], records[0].Fields);
        Assert.Equal(1, records[0].Line);
        Assert.Equal(["two\nlines", "x", ""], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(["last", "", ""], records[2].Fields);
        Assert.Equal(4, records[2].Line);
        Assert.All(records, r => Assert.Null(r.Error));
    }

    [Theory]
    [InlineData("a,b\"c", "quote inside unquoted field 2")]
    [InlineData("\"a\"b,c", "text after the closing quote of field 1")]
    [InlineData("a,\"never closed", "never closed")]
    public void Csv_MalformedRecords_SayWhy(string text, string error)
    {
        var record = Assert.Single(CsvReader.Read(text));

        Assert.Contains(error, record.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_ABadLine_DoesNotHideTheNextOnes()
    {
        var lines = ResolutionsFile.ParseCsv(
            "\uFEFFId,Outcome,Fraction,Note\n" +
            "prd_1,TRUE,,\"ok, fine\"\n" +
            "\n" +
            "prd_2,tru\"e,,\n" +
            "prd_3,partial,0.25,\n" +
            "prd_4,partial,2,\n" +
            "prd_5,false\n" +
            ",false,,\n");

        Assert.Equal([2, 4, 5, 6, 7, 8], lines.Select(l => l.Line));
        Assert.Equal(Outcome.True, lines[0].Request!.Outcome);
        Assert.Equal("ok, fine", lines[0].Request!.Note);
        Assert.Contains("quote", lines[1].Error, StringComparison.Ordinal);
        Assert.Equal(0.25, lines[2].Request!.Fraction);
        Assert.StartsWith("fraction:", lines[3].Error, StringComparison.Ordinal);
        Assert.Contains("2 fields where the header has 4", lines[4].Error, StringComparison.Ordinal);
        Assert.Equal("id: missing", lines[5].Error);
    }

    [Theory]
    [InlineData("id,outcome,colour\n", "unknown column 'colour'")]
    [InlineData("id,note\n", "the columns id and outcome are required")]
    public void Csv_ABadHeader_IsOneError(string text, string error)
    {
        var line = Assert.Single(ResolutionsFile.ParseCsv(text + "prd_1,true,red\n"));

        Assert.Equal(1, line.Line);
        Assert.Contains(error, line.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonLines_ReadTheSameFields_AndReportBadLinesByNumber()
    {
        var lines = ResolutionsFile.ParseJsonLines(
            "{\"id\":\"prd_1\",\"outcome\":\"annulled\",\"note\":\"premise failed\",\"resolved\":\"2025-02-03\"}\n" +
            "\n" +
            "{\"id\":\"prd_2\",\"outcome\":\"partial\",\"fraction\":0.4,\"evidence_url\":\"https://news.example/a\"}\r\n" +
            "[1,2]\n" +
            "{\"id\":\"prd_3\",\"outcome\":\"true\",\"article\":\"a.md\"}\n" +
            "{\"id\":\"prd_4\",\"outcome\":\"true\",\"resolved\":\"3 Feb\"}\n");

        Assert.Equal([1, 3, 4, 5, 6], lines.Select(l => l.Line));
        Assert.Equal(Outcome.Annulled, lines[0].Request!.Outcome);
        Assert.Equal(new DateTime(2025, 2, 3, 0, 0, 0, DateTimeKind.Utc), lines[0].Request!.ResolvedTime.ToDateTime());
        Assert.Equal(0.4, lines[1].Request!.Fraction);
        Assert.Equal("https://news.example/a", lines[1].Request!.EvidenceUrl);
        Assert.Equal("not a JSON object", lines[2].Error);
        Assert.Contains("unknown field 'article'", lines[3].Error, StringComparison.Ordinal);
        Assert.Contains("resolved: '3 Feb'", lines[4].Error, StringComparison.Ordinal);
    }
}
