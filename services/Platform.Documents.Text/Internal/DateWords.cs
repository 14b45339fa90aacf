namespace Platform.Documents.Text.Internal;

/// <summary>English month, weekday and time-zone words accepted in publication times.</summary>
internal static class DateWords
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3,
        ["april"] = 4, ["apr"] = 4, ["may"] = 5, ["june"] = 6, ["jun"] = 6, ["july"] = 7, ["jul"] = 7,
        ["august"] = 8, ["aug"] = 8, ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["october"] = 10,
        ["oct"] = 10, ["november"] = 11, ["nov"] = 11, ["december"] = 12, ["dec"] = 12,
    };

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.OrdinalIgnoreCase)
    {
        ["monday"] = DayOfWeek.Monday, ["mon"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday, ["tue"] = DayOfWeek.Tuesday, ["tues"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday, ["wed"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday, ["thu"] = DayOfWeek.Thursday, ["thur"] = DayOfWeek.Thursday,
        ["thurs"] = DayOfWeek.Thursday, ["friday"] = DayOfWeek.Friday, ["fri"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday, ["sat"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday, ["sun"] = DayOfWeek.Sunday,
    };

    // Only abbreviations with one common meaning in English-language news; IST (India, Ireland, Israel),
    // AST (Arabia, Atlantic) and the US "ET"/"CT"/"MT"/"PT" (standard or daylight time, by date) are refused as
    // ambiguous rather than guessed.
    private static readonly Dictionary<string, TimeSpan> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["z"] = TimeSpan.Zero, ["gmt"] = TimeSpan.Zero, ["utc"] = TimeSpan.Zero, ["ut"] = TimeSpan.Zero,
        ["bst"] = TimeSpan.FromHours(1), ["cet"] = TimeSpan.FromHours(1), ["cest"] = TimeSpan.FromHours(2),
        ["eet"] = TimeSpan.FromHours(2), ["eest"] = TimeSpan.FromHours(3),
        ["est"] = TimeSpan.FromHours(-5), ["edt"] = TimeSpan.FromHours(-4),
        ["cst"] = TimeSpan.FromHours(-6), ["cdt"] = TimeSpan.FromHours(-5),
        ["mst"] = TimeSpan.FromHours(-7), ["mdt"] = TimeSpan.FromHours(-6),
        ["pst"] = TimeSpan.FromHours(-8), ["pdt"] = TimeSpan.FromHours(-7),
    };

    private static readonly HashSet<string> AmbiguousZones = new(StringComparer.OrdinalIgnoreCase) { "ist", "ast", "et", "ct", "mt", "pt" };

    // Words that may surround a date without changing it: "First published on Thu 3 Nov 2016 at 10.52 GMT".
    private static readonly HashSet<string> Fillers = new(StringComparer.OrdinalIgnoreCase)
    {
        "at", "on", "of", "the", "first", "published", "posted", "-", "|", "–", "—", "/",
    };

    public static bool TryMonth(string word, out int month) => Months.TryGetValue(word.TrimEnd('.'), out month);

    public static bool TryWeekday(string word, out DayOfWeek day) => Weekdays.TryGetValue(word.TrimEnd('.'), out day);

    public static bool TryZone(string word, out TimeSpan offset) => Zones.TryGetValue(word, out offset);

    public static bool IsAmbiguousZone(string word) => AmbiguousZones.Contains(word);

    public static bool IsFiller(string word) => Fillers.Contains(word.TrimEnd(':'));

    public static string MonthName(int month) =>
        System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
}
