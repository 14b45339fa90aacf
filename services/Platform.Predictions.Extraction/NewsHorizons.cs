using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Predictions.Extraction;

/// <summary>
/// Horizons as news writes them, read before the general ones of <see cref="HorizonReader"/> because they are
/// more specific: "by the end of the tax year" (5 April); "in the first quarter" / "the first half of next year" /
/// "early next year" / "late 2005" (the end of that part of the year); "tomorrow"; "on Tuesday" (the next such
/// day); "this week" / "next week" (the Sunday that ends it); "in the coming year" (a year on); a year that is
/// itself the subject ("2005 will be the year of …").
/// </summary>
internal static partial class NewsHorizons
{
    [GeneratedRegex(@"\b(?:end of the|this|current|next) (?:tax|financial|fiscal) year\b", RegexOptions.IgnoreCase)]
    private static partial Regex TaxYear();

    [GeneratedRegex(@"\b(?:the )?(?<part>first|second|third|fourth|final|last) (?<unit>quarter|half)(?: of (?:(?<next>next year)|(?<year>(?:19|20)\d\d)|this year))?\b", RegexOptions.IgnoreCase)]
    private static partial Regex PartOfYear();

    [GeneratedRegex(@"\b(?<part>early|mid-|late|the middle of|the start of|the beginning of)\s*(?:(?<next>next year)|(?<year>(?:19|20)\d\d))\b", RegexOptions.IgnoreCase)]
    private static partial Regex EarlyLate();

    [GeneratedRegex(@"\btomorrow\b", RegexOptions.IgnoreCase)]
    private static partial Regex Tomorrow();

    [GeneratedRegex(@"\b(?:on|by|until|before|next|this)\s+(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)'s\b", RegexOptions.IgnoreCase)]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\b(?<which>this|next|later this|by the end of (?:this|next)) week\b", RegexOptions.IgnoreCase)]
    private static partial Regex Week();

    [GeneratedRegex(@"\b(?:in|over|during|within) the (?:coming|next) (?:year|12 months|twelve months)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ComingYear();

    [GeneratedRegex(@"(?<![\w$£€%.,-])(?<year>(?:19|20)\d\d)\s+(?:will|is|looks|should|could|may|might|promises|is set|is likely|is expected)\b", RegexOptions.IgnoreCase)]
    private static partial Regex YearAsSubject();

    /// <summary>The first news horizon of the sentence, with where it starts; (null, null, -1) when there is none.</summary>
    public static (string? Phrase, DateOnly? Deadline, int Index) Read(string sentence, DateOnly published)
    {
        var (phrase, deadline) = Find(sentence, published);
        return phrase is null ? (null, null, -1) : (phrase, deadline, sentence.IndexOf(phrase, StringComparison.Ordinal));
    }

    private static (string? Phrase, DateOnly? Deadline) Find(string sentence, DateOnly published)
    {
        if (TaxYear().Match(sentence) is { Success: true } tax)
        {
            var april = new DateOnly(published.Year, 4, 5);
            var due = published <= april ? april : april.AddYears(1);
            return (tax.Value, tax.Value.StartsWith("next", StringComparison.OrdinalIgnoreCase) ? due.AddYears(1) : due);
        }

        if (PartOfYear().Match(sentence) is { Success: true } part)
        {
            var year = YearOf(part, published);
            var quarter = part.Groups["unit"].Value.Equals("quarter", StringComparison.OrdinalIgnoreCase);
            var index = part.Groups["part"].Value.ToLowerInvariant() switch { "first" => 1, "second" => 2, "third" => 3, _ => quarter ? 4 : 2 };
            var month = quarter ? index * 3 : index * 6;
            return (part.Value, new DateOnly(year, month, DateTime.DaysInMonth(year, month)));
        }

        if (EarlyLate().Match(sentence) is { Success: true } early)
        {
            var year = YearOf(early, published);
            var month = early.Groups["part"].Value.ToLowerInvariant() switch { "late" => 12, "mid-" or "the middle of" => 6, _ => 3 };
            return (early.Value, new DateOnly(year, month, DateTime.DaysInMonth(year, month)));
        }

        if (Tomorrow().Match(sentence) is { Success: true } tomorrow)
        {
            return (tomorrow.Value, published.AddDays(1));
        }

        if (Week().Match(sentence) is { Success: true } week && !AfterReportingVerb(sentence, week.Index))
        {
            var sunday = published.AddDays((7 - (int)published.DayOfWeek) % 7);
            return (week.Value, week.Groups["which"].Value.Contains("next", StringComparison.OrdinalIgnoreCase) ? sunday.AddDays(7) : sunday);
        }

        // "On Monday, the bank said …" opens a report of the past; a weekday later in the sentence is a horizon.
        if (Weekday().Match(sentence) is { Success: true } weekday && weekday.Index > 3 && !AfterReportingVerb(sentence, weekday.Index))
        {
            var day = Enum.Parse<DayOfWeek>(weekday.Groups["day"].Value, ignoreCase: true);
            var ahead = ((int)day - (int)published.DayOfWeek + 7) % 7;
            return (weekday.Value, published.AddDays(ahead == 0 ? 7 : ahead));
        }

        if (ComingYear().Match(sentence) is { Success: true } coming)
        {
            return (coming.Value, published.AddYears(1));
        }

        if (YearAsSubject().Match(sentence) is { Success: true } subject
            && int.Parse(subject.Groups["year"].Value, CultureInfo.InvariantCulture) is var y && y >= published.Year)
        {
            return (subject.Groups["year"].Value, new DateOnly(y, 12, 31));
        }

        return (null, null);
    }

    // "warned on Sunday that …", "said this week": the day the words were said, not the horizon.
    [GeneratedRegex(@"\b(?:said|says|warned|forecast|predicted|vowed|announced|told \w+|claimed|added|insisted|estimated|argued|reported|stated|revealed|expected|admitted)\s+$", RegexOptions.IgnoreCase)]
    private static partial Regex ReportingVerbEnd();

    private static bool AfterReportingVerb(string sentence, int index) => ReportingVerbEnd().IsMatch(sentence.AsSpan(0, index).ToString());

    private static int YearOf(Match match, DateOnly published) =>
        match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture)
        : match.Groups["next"].Success ? published.Year + 1 : published.Year;
}
