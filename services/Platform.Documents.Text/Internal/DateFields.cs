namespace Platform.Documents.Text.Internal;

/// <summary>The parts of a date and time read from text, checked and combined by <see cref="TryBuild"/>.</summary>
internal sealed class DateFields
{
    public const int MinYear = 1800;
    public const int MaxYear = 2999;

    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    public int? Year { get; set; }

    public int? Month { get; set; }

    public int? Day { get; set; }

    public int? Hour { get; set; }

    public int Minute { get; set; }

    public int Second { get; set; }

    public long FractionTicks { get; set; }

    public TimeSpan? Offset { get; set; }

    public DayOfWeek? Weekday { get; set; }

    public bool HasDate => Year is not null || Month is not null || Day is not null;

    /// <summary>Checks every part and combines them; a time without a zone is read as UTC.</summary>
    public bool TryBuild(out DateTimeOffset value, out string error)
    {
        value = default;
        if (Year is not { } year)
        {
            error = Month is null && Day is null ? "no date" : "no year";
            return false;
        }

        if (Month is not { } month)
        {
            error = "no month";
            return false;
        }

        if (Day is not { } day)
        {
            error = "no day";
            return false;
        }

        if (year is < MinYear or > MaxYear)
        {
            error = $"year {year} is out of range ({MinYear}–{MaxYear})";
            return false;
        }

        if (month is < 1 or > 12)
        {
            error = $"month {month} is out of range (1–12)";
            return false;
        }

        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = $"day {day} does not exist in {DateWords.MonthName(month)} {year}";
            return false;
        }

        var hour = Hour ?? 0;
        if (hour is < 0 or > 23 || Minute is < 0 or > 59 || Second is < 0 or > 59)
        {
            error = $"time {hour:00}:{Minute:00}:{Second:00} is out of range";
            return false;
        }

        var offset = Offset ?? TimeSpan.Zero;
        if (offset.Duration() > MaxOffset || offset.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            error = $"offset {offset} is out of range (at most ±14:00)";
            return false;
        }

        var local = new DateTime(year, month, day, hour, Minute, Second, DateTimeKind.Unspecified).AddTicks(FractionTicks);
        if (Weekday is { } weekday && weekday != local.DayOfWeek)
        {
            error = $"{weekday} does not match {day} {DateWords.MonthName(month)} {year}, which is a {local.DayOfWeek}";
            return false;
        }

        value = new DateTimeOffset(local, offset).ToUniversalTime();
        error = string.Empty;
        return true;
    }
}
