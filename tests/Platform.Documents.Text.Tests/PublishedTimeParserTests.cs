namespace Platform.Documents.Text.Tests;

public sealed class PublishedTimeParserTests
{
    [Theory]
    [InlineData("2016-11-03T10:52:00+01:00", "2016-11-03T09:52:00Z")]
    [InlineData("2016-11-03T10:52:00+0100", "2016-11-03T09:52:00Z")]
    [InlineData("2016-11-03T10:52:00Z", "2016-11-03T10:52:00Z")]
    [InlineData("2016-11-03T10:52:00", "2016-11-03T10:52:00Z")]
    [InlineData("2016-11-03T10:52", "2016-11-03T10:52:00Z")]
    [InlineData("2016-11-03T10:52:00.1234567-05:00", "2016-11-03T15:52:00.1234567Z")]
    [InlineData("2016-11-03 10:52:00 UTC", "2016-11-03T10:52:00Z")]
    [InlineData("2016-11-03", "2016-11-03T00:00:00Z")]
    [InlineData("2016/11/03", "2016-11-03T00:00:00Z")]
    [InlineData("Thu, 03 Nov 2016 10:52:00 GMT", "2016-11-03T10:52:00Z")]
    [InlineData("Thu, 03 Nov 2016 10:52:00 +0100", "2016-11-03T09:52:00Z")]
    [InlineData("November 3, 2016", "2016-11-03T00:00:00Z")]
    [InlineData("3 November 2016", "2016-11-03T00:00:00Z")]
    [InlineData("Nov. 3, 2016", "2016-11-03T00:00:00Z")]
    [InlineData("Sept. 30, 2016", "2016-09-30T00:00:00Z")]
    [InlineData("Thursday 3 November 2016 10.52 GMT", "2016-11-03T10:52:00Z")]
    [InlineData("Thursday 3 November 2016 10.52 BST", "2016-11-03T09:52:00Z")]
    [InlineData("First published on Thu 3 Nov 2016 10.52 GMT", "2016-11-03T10:52:00Z")]
    [InlineData("November 3rd, 2016 at 4:15 pm EST", "2016-11-03T21:15:00Z")]
    [InlineData("3 Nov 2016 12:05am GMT+2", "2016-11-02T22:05:00Z")]
    [InlineData("25/11/2016", "2016-11-25T00:00:00Z")]
    [InlineData("11/25/2016", "2016-11-25T00:00:00Z")]
    [InlineData("03/03/2016", "2016-03-03T00:00:00Z")]
    public void TryParse_SupportedForm_ReturnsUtc(string text, string expectedUtc)
    {
        Assert.True(PublishedTimeParser.TryParse(text, out var value, out var error), error);

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData("03/11/2016")]
    [InlineData("03.11.2016")]
    [InlineData("03-11-2016 10:52")]
    public void TryParse_AmbiguousNumericDate_FailsNamingBothReadings(string text)
    {
        Assert.False(PublishedTimeParser.TryParse(text, out _, out var error));

        Assert.Contains("ambiguous date", error, StringComparison.Ordinal);
        Assert.Contains("3 November (day first) or 11 March (month first)", error, StringComparison.Ordinal);
        Assert.Contains("give a date order", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DateOrder.DayFirst, 11, 3)]
    [InlineData(DateOrder.MonthFirst, 3, 11)]
    public void TryParse_AmbiguousNumericDateWithOrder_UsesOrder(DateOrder order, int month, int day)
    {
        Assert.True(PublishedTimeParser.TryParse("03/11/2016", order, out var value, out var error), error);

        Assert.Equal(new DateTimeOffset(2016, month, day, 0, 0, 0, TimeSpan.Zero), value);
    }

    [Fact]
    public void TryParse_OrderContradictedByDate_Fails()
    {
        Assert.False(PublishedTimeParser.TryParse("25/11/2016", DateOrder.MonthFirst, out _, out var error));

        Assert.Contains("cannot be read month first", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "published time is empty")]
    [InlineData("", "published time is empty")]
    [InlineData("   ", "published time is empty")]
    [InlineData("yesterday", "unrecognised 'yesterday'")]
    [InlineData("31 November 2016", "day 31 does not exist in November 2016")]
    [InlineData("29 February 2017", "day 29 does not exist in February 2017")]
    [InlineData("2016-13-01", "month 13 is out of range")]
    [InlineData("Friday 3 November 2016", "Friday does not match 3 November 2016, which is a Thursday")]
    [InlineData("03/11/16", "two-digit year")]
    [InlineData("3 November", "no year")]
    [InlineData("November 2016", "no day")]
    [InlineData("10:52 GMT", "no date")]
    [InlineData("3 November 2016 25:00", "time 25:00:00 is out of range")]
    [InlineData("3 November 2016 10:52 IST", "time zone 'IST' is ambiguous")]
    [InlineData("November 3, 2016 12:00 PM ET", "time zone 'ET' is ambiguous")]
    [InlineData("2016-11-03T10:52:00+15:00", "offset 15:00:00 is out of range")]
    [InlineData("3 November 1066", "year 1066 is out of range")]
    [InlineData("3 November 2016 4 November 2016", "unexpected number '4'")]
    [InlineData("14/15/2016", "neither 14 nor 15")]
    [InlineData("3 November 2016 pm", "'pm' without a time")]
    [InlineData("3 November 2016 14:00 pm", "hour 14 cannot take 'pm'")]
    public void TryParse_BadInput_ErrorNamesTheProblem(string? text, string expected)
    {
        Assert.False(PublishedTimeParser.TryParse(text, out var value, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(default, value);
    }

    [Fact]
    public void TryParse_BadInput_ErrorQuotesInput()
    {
        Assert.False(PublishedTimeParser.TryParse("3 Novembre 2016", out _, out var error));

        Assert.Equal("cannot read '3 Novembre 2016' as a time: unrecognised 'Novembre'", error);
    }

    [Fact]
    public void TryParse_OverlongInput_Rejected()
    {
        Assert.False(PublishedTimeParser.TryParse(new string('1', PublishedTimeParser.MaxLength + 1), out _, out var error));

        Assert.Contains("at most 100", error, StringComparison.Ordinal);
    }
}
