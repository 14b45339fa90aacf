using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Predictions.Extraction;

/// <summary>
/// Reads a forecast's horizon and normalises it to a deadline against the publication date:
/// "by 2017" / "by the end of 2017" → 2017-12-31; "this year" / "next year"; "by June 2017" → 2017-06-30;
/// "by June" → the next June's last day; "next month" / "this month"; "within six months" / "in the next three
/// years" / "in two weeks" → publication + N units; "within weeks" / "in the coming weeks" → + 6 weeks;
/// "within months" / "in the coming months" → + 6 months; "in the next few years" / "in the coming years" →
/// + 3 years; "by the end of the decade"; "this summer" / "by the summer" → 31 August; "by winter" → 31 December.
/// A horizon tied to an undated event ("once Mosul falls") or a vague one ("soon") has no deadline.
/// </summary>
internal static partial class HorizonReader
{
    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["eighteen"] = 18, ["twenty"] = 20,
        ["twenty-four"] = 24, ["thirty"] = 30, ["fifteen"] = 15, ["a couple of"] = 2, ["a few"] = 3, ["several"] = 3,
    };

    private const string Month = "january|february|march|april|may|june|july|august|september|october|november|december";
    private const string Count = @"\d{1,3}|a couple of|a few|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|twenty-four|thirty";

    [GeneratedRegex($@"\b(?:by|before|in|during|until|through|throughout|within|over)\s+(?:the\s+(?:end|middle|start|beginning|course)\s+of\s+)?(?<month>{Month})\s+(?:of\s+)?(?<year>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"\b(?:by|before|in|during|until|through|throughout|for|in both|of)\s+(?:the\s+(?:end|course|rest)\s+of\s+)?(?:the\s+year\s+)?(?<year>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Year();

    [GeneratedRegex(@"\G\s+(?:and|or|to)\s+(?<year>(?:19|20)\d\d)\b")]
    private static partial Regex AndYear();

    [GeneratedRegex(@"\b(?:by|before|until|in)\s+(?:the\s+end\s+of\s+|early\s+|late\s+|mid-)?(?<month>january|february|march|april|june|july|august|september|october|november|december)\b|\b(?:by|before|until|in)\s+(?:the\s+end\s+of\s+|early\s+|late\s+|mid-)?(?<month>May)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MonthOnly();

    [GeneratedRegex(@"\b(?:by|before|until)\s+the\s+end\s+of\s+the\s+(?<unit>year|month)\b|\b(?<which>this|next|the\s+coming|the\s+following)\s+(?<unit>year|month|week)\b(?<!this\s+week)|\b(?:by|before)\s+(?:the\s+end\s+of\s+)?(?<which>this|next)\s+(?<unit>year|month|week)\b|\bwithin\s+the\s+(?<which>year)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThisOrNext();

    [GeneratedRegex($@"\b(?:within|in|over|during|inside)\s+(?:the\s+(?:next|coming|following)\s+)?(?<count>{Count})\s+(?<unit>days?|weeks?|months?|years?|decades?)\b|\b(?:within|in)\s+(?<count>{Count})\s+(?<unit>days?|weeks?|months?|years?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Span();

    [GeneratedRegex(@"\b(?:within|in\s+the\s+(?:coming|next))\s+(?<unit>weeks|months)\b|\bin\s+the\s+(?:next\s+few|coming|years\s+ahead|next\s+several)\s*(?<unit>years)?\b|\bwithin\s+(?:a\s+few\s+)?(?<unit>years)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VagueSpan();

    [GeneratedRegex(@"\b(?:by|before)\s+the\s+end\s+of\s+the\s+decade\b|\bby\s+(?<decade>(?:19|20)\d0s)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Decade();

    [GeneratedRegex(@"\b(?:this|by\s+the|by|next|before\s+the)\s+(?<season>summer|winter|spring|autumn|fall)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Season();

    /// <summary>The horizon phrase and its deadline, or (null, null) when the sentence states none.</summary>
    public static (string? Phrase, DateOnly? Deadline) Read(string sentence, DateOnly published)
    {
        // A news horizon, unless a plain year comes before it ("expected in 2006 … in early 2005").
        if (NewsHorizons.Read(sentence, published) is { Phrase: not null, Deadline: { } due } news && due >= published
            && !(Year().Match(sentence) is { Success: true } first && first.Index < news.Index
                && int.Parse(first.Groups["year"].Value, CultureInfo.InvariantCulture) >= published.Year))
        {
            return (news.Phrase, due);
        }

        if (MonthYear().Match(sentence) is { Success: true } monthYear)
        {
            var year = int.Parse(monthYear.Groups["year"].Value, CultureInfo.InvariantCulture);
            return (monthYear.Value, EndOfMonth(year, MonthNumber(monthYear.Groups["month"].Value)));
        }

        if (Decade().Match(sentence) is { Success: true } decade)
        {
            var start = decade.Groups["decade"].Success ? int.Parse(decade.Groups["decade"].Value[..4], CultureInfo.InvariantCulture) : published.Year / 10 * 10;
            return (decade.Value, new DateOnly(start + 9, 12, 31));
        }

        // "this year … and … in 2005": the horizon said first is the one of the main clause.
        if (Year().Match(sentence) is { Success: true } year4 && !(ThisOrNext().Match(sentence) is { Success: true } earlier && earlier.Index < year4.Index))
        {
            var year = int.Parse(year4.Groups["year"].Value, CultureInfo.InvariantCulture);
            if (AndYear().Match(sentence, year4.Index + year4.Length) is { Success: true, Index: var at } also && at == year4.Index + year4.Length)
            {
                year = Math.Max(year, int.Parse(also.Groups["year"].Value, CultureInfo.InvariantCulture)); // "in 2005 and 2006"
            }

            if (year >= published.Year)
            {
                return (year4.Value, new DateOnly(year, 12, 31));
            }
        }

        if (Span().Match(sentence) is { Success: true } span && Numbers.TryGetValue(span.Groups["count"].Value, out var n) | int.TryParse(span.Groups["count"].Value, CultureInfo.InvariantCulture, out var digits))
        {
            var count = digits > 0 ? digits : n;
            return (span.Value, Add(published, span.Groups["unit"].Value, count));
        }

        if (ThisOrNext().Match(sentence) is { Success: true } relative)
        {
            var which = relative.Groups["which"].Value.ToLowerInvariant();
            var next = which.Length > 0 && which is not ("this" or "year");
            return relative.Groups["unit"].Value.ToLowerInvariant() switch
            {
                "month" => (relative.Value, next ? EndOfMonth(published.AddMonths(1).Year, published.AddMonths(1).Month) : EndOfMonth(published.Year, published.Month)),
                "week" => (relative.Value, published.AddDays(next ? 7 : 7 - ((int)published.DayOfWeek + 6) % 7 - 1)),
                _ => (relative.Value, new DateOnly(published.Year + (next ? 1 : 0), 12, 31)),
            };
        }

        if (MonthOnly().Match(sentence) is { Success: true } month)
        {
            var number = MonthNumber(month.Groups["month"].Value);
            var year = number > published.Month ? published.Year : published.Year + 1;
            return (month.Value, EndOfMonth(year, number));
        }

        if (VagueSpan().Match(sentence) is { Success: true } vague)
        {
            var text = vague.Value.ToLowerInvariant();
            return text.Contains("week", StringComparison.Ordinal) ? (vague.Value, published.AddDays(42))
                : text.Contains("month", StringComparison.Ordinal) ? (vague.Value, published.AddMonths(6))
                : (vague.Value, published.AddYears(3));
        }

        if (Season().Match(sentence) is { Success: true } season)
        {
            var which = season.Groups["season"].Value.ToLowerInvariant();
            var (m, d) = which switch { "summer" => (8, 31), "winter" => (12, 31), "spring" => (5, 31), _ => (11, 30) };
            var y = new DateOnly(published.Year, m, d) >= published ? published.Year : published.Year + 1;
            if (season.Value.StartsWith("next", StringComparison.OrdinalIgnoreCase) && y == published.Year && m != 12)
            {
                y++;
            }

            return (season.Value, new DateOnly(y, m, d));
        }

        return (null, null);
    }

    private static DateOnly Add(DateOnly published, string unit, int count) => unit.ToLowerInvariant().TrimEnd('s') switch
    {
        "day" => published.AddDays(count),
        "week" => published.AddDays(7 * count),
        "month" => published.AddMonths(count),
        "decade" => published.AddYears(10 * count),
        _ => published.AddYears(count),
    };

    private static int MonthNumber(string name) => Array.IndexOf(Months, name.ToLowerInvariant()) + 1;

    private static DateOnly EndOfMonth(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));
}
