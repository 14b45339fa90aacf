using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Documents.Text.Internal;

/// <summary>
/// Reads the date forms found in article pages into <see cref="DateFields"/>: ISO 8601, RFC 1123, "November 3,
/// 2016", "3 November 2016", "Nov. 3, 2016", "Thursday 3 November 2016 10.52 GMT", "2016/11/03" and, with a
/// <see cref="DateOrder"/> or when only one reading is possible, "03/11/2016".
/// </summary>
internal static partial class DateTextReader
{
    public static DateFields? Read(string text, DateOrder order, out string error)
    {
        var iso = Iso().Match(text);
        if (iso.Success)
        {
            return FromIso(iso, out error);
        }

        var fields = new DateFields();
        var hasTime = false;
        foreach (var raw in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Trim(',', ';', '(', ')');
            if (token.Length == 0)
            {
                continue;
            }

            if (!Accept(fields, token, order, ref hasTime, out error))
            {
                return null;
            }
        }

        error = string.Empty;
        return fields;
    }

    private static bool Accept(DateFields fields, string token, DateOrder order, ref bool hasTime, out string error)
    {
        error = string.Empty;
        Match m;
        if ((m = NumericDate().Match(token)).Success)
        {
            return !fields.HasDate
                ? ReadNumericDate(fields, token, m, order, out error)
                : Fail($"more than one date ('{token}')", out error);
        }

        if ((m = YearFirstDate().Match(token)).Success)
        {
            if (fields.HasDate)
            {
                return Fail($"more than one date ('{token}')", out error);
            }

            fields.Year = Number(m.Groups[1]);
            fields.Month = Number(m.Groups[3]);
            fields.Day = Number(m.Groups[4]);
            return true;
        }

        if ((m = Time().Match(token)).Success)
        {
            if (hasTime)
            {
                return Fail($"more than one time ('{token}')", out error);
            }

            hasTime = true;
            fields.Hour = Number(m.Groups[1]);
            fields.Minute = Number(m.Groups[2]);
            fields.Second = m.Groups[3].Success ? Number(m.Groups[3]) : 0;
            return !m.Groups[4].Success || ApplyMeridiem(fields, m.Groups[4].Value, out error);
        }

        if (Meridiem().IsMatch(token))
        {
            return hasTime ? ApplyMeridiem(fields, token, out error) : Fail($"'{token}' without a time", out error);
        }

        if ((m = DayNumber().Match(token)).Success)
        {
            var day = Number(m.Groups[1]);
            return fields.Day is null && day is >= 1 and <= 31
                ? Set(() => fields.Day = day)
                : Fail($"unexpected number '{token}'", out error);
        }

        if (YearNumber().IsMatch(token))
        {
            return fields.Year is null
                ? Set(() => fields.Year = int.Parse(token, CultureInfo.InvariantCulture))
                : Fail($"more than one year ('{token}')", out error);
        }

        if (DateWords.TryMonth(token, out var month))
        {
            return fields.Month is null ? Set(() => fields.Month = month) : Fail($"more than one month ('{token}')", out error);
        }

        if (DateWords.TryWeekday(token, out var weekday))
        {
            return fields.Weekday is null ? Set(() => fields.Weekday = weekday) : Fail($"more than one weekday ('{token}')", out error);
        }

        if (DateWords.IsAmbiguousZone(token))
        {
            return Fail($"time zone '{token}' is ambiguous; give a numeric offset such as +05:30", out error);
        }

        if (DateWords.TryZone(token, out var zone) || TryOffset(token, out zone))
        {
            return fields.Offset is null ? Set(() => fields.Offset = zone) : Fail($"more than one time zone ('{token}')", out error);
        }

        return DateWords.IsFiller(token) || Fail($"unrecognised '{token}'", out error);
    }

    private static bool ReadNumericDate(DateFields fields, string token, Match m, DateOrder order, out string error)
    {
        error = string.Empty;
        if (m.Groups[4].Length == 2)
        {
            return Fail($"two-digit year in '{token}'; give the year in full", out error);
        }

        int first = Number(m.Groups[1]), second = Number(m.Groups[3]);
        fields.Year = Number(m.Groups[4]);
        bool dayFirst;
        if (first > 12 && second > 12)
        {
            return Fail($"neither {first} nor {second} in '{token}' can be a month", out error);
        }
        else if (first > 12 || second > 12)
        {
            dayFirst = first > 12;
            var forced = dayFirst ? DateOrder.DayFirst : DateOrder.MonthFirst;
            if (order != DateOrder.Unknown && order != forced)
            {
                return Fail($"'{token}' cannot be read {(order == DateOrder.DayFirst ? "day" : "month")} first: month {(dayFirst ? first : second)} is out of range", out error);
            }
        }
        else if (first == second || order != DateOrder.Unknown)
        {
            dayFirst = order != DateOrder.MonthFirst;
        }
        else
        {
            return Fail(
                $"ambiguous date '{token}': {first} {DateWords.MonthName(second)} (day first) or {second} {DateWords.MonthName(first)} (month first); give a date order",
                out error);
        }

        fields.Day = dayFirst ? first : second;
        fields.Month = dayFirst ? second : first;
        return true;
    }

    private static DateFields? FromIso(Match m, out string error)
    {
        error = string.Empty;
        var fields = new DateFields { Year = Number(m.Groups[1]), Month = Number(m.Groups[2]), Day = Number(m.Groups[3]) };
        if (m.Groups[4].Success)
        {
            fields.Hour = Number(m.Groups[4]);
            fields.Minute = Number(m.Groups[5]);
            fields.Second = m.Groups[6].Success ? Number(m.Groups[6]) : 0;
            if (m.Groups[7].Success)
            {
                // Ticks are 100 ns: seven fractional digits; finer digits are dropped.
                var digits = m.Groups[7].Value.PadRight(7, '0')[..7];
                fields.FractionTicks = long.Parse(digits, CultureInfo.InvariantCulture);
            }
        }

        if (m.Groups[8].Success)
        {
            if (!DateWords.TryZone(m.Groups[8].Value, out var offset) && !TryOffset(m.Groups[8].Value, out offset))
            {
                error = $"unrecognised offset '{m.Groups[8].Value}'";
                return null;
            }

            fields.Offset = offset;
        }

        return fields;
    }

    private static bool ApplyMeridiem(DateFields fields, string meridiem, out string error)
    {
        error = string.Empty;
        if (fields.Hour is not (>= 1 and <= 12))
        {
            return Fail($"hour {fields.Hour} cannot take '{meridiem}'", out error);
        }

        var pm = meridiem.StartsWith('p') || meridiem.StartsWith('P');
        fields.Hour = (fields.Hour % 12) + (pm ? 12 : 0);
        return true;
    }

    private static bool TryOffset(string token, out TimeSpan offset)
    {
        offset = default;
        var m = Offset().Match(token);
        if (!m.Success)
        {
            return false;
        }

        var magnitude = new TimeSpan(Number(m.Groups[2]), m.Groups[3].Success ? Number(m.Groups[3]) : 0, 0);
        offset = m.Groups[1].Value == "-" ? -magnitude : magnitude;
        return true;
    }

    private static int Number(Group group) => int.Parse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    private static bool Set(Action assign)
    {
        assign();
        return true;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?$")]
    private static partial Regex Iso();

    [GeneratedRegex(@"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$")]
    private static partial Regex YearFirstDate();

    [GeneratedRegex(@"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(am|pm|a\.m\.|p\.m\.)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Time();

    [GeneratedRegex(@"^(?:am|pm|a\.m\.|p\.m\.)$", RegexOptions.IgnoreCase)]
    private static partial Regex Meridiem();

    [GeneratedRegex(@"^(\d{1,2})(?:st|nd|rd|th)?$", RegexOptions.IgnoreCase)]
    private static partial Regex DayNumber();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearNumber();

    [GeneratedRegex(@"^(?:gmt|utc)?([+-])(\d{2}|\d(?!\d))(?::?(\d{2}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Offset();
}
