using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Predictions.Extraction;

/// <summary>
/// The dates an article gives its coming events ("a Budget giveaway on 16 March", "betting on 5 May" for the
/// election, "the New York City Marathon on Sunday"), so that a forecast about the event that names no date of
/// its own ("there will be no spending spree before polling day") takes the event's date as its deadline.
/// An event and a date count as linked when one sentence holds both.
/// </summary>
internal sealed partial class EventCalendar
{
    private const string Month = "january|february|march|april|may|june|july|august|september|october|november|december";

    private readonly Dictionary<string, DateOnly> dates = new(StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?:(?:pre-)?election|polling day|polls?|ballot|vote|budget|referendum|final|marathon|summit|match|game|tie|second leg|race)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EventWord();

    [GeneratedRegex($@"\b(?<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?<month>{Month})\b|\b(?<month>{Month})\s+(?<day>\d{{1,2}})\b(?!,?\s*\d{{4}})|\bon\s+(?<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DatePhrase();

    public EventCalendar(string body, IEnumerable<Sentence> sentences, DateOnly published)
    {
        foreach (var sentence in sentences)
        {
            if (!MayHoldDate(body.AsSpan(sentence.Start, sentence.End - sentence.Start)))
            {
                continue;
            }

            var text = sentence.Text(body);
            if (DatePhrase().Match(text) is not { Success: true } date || ToDate(date, published) is not { } due || due < published)
            {
                continue;
            }

            // The event word nearest the date is the dated one ("his last budget before the expected polling day of 5 May").
            if (EventWord().Matches(text).MinBy(w => Math.Abs(w.Index - date.Index)) is { } word)
            {
                dates.TryAdd(Key(word.Value), due);
            }
        }
    }

    private static readonly SearchValues<string> WeekdayEnding = SearchValues.Create(["day"], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// False when <see cref="DatePhrase"/> cannot match: it needs a digit or a weekday name. A cheap test, for it
    /// runs on every sentence; text beyond ASCII, whose digits the pattern may also read, always takes the pattern.
    /// </summary>
    private static bool MayHoldDate(ReadOnlySpan<char> text) =>
        text.ContainsAnyInRange('0', '9') || text.ContainsAny(WeekdayEnding) || !Ascii.IsValid(text);

    /// <summary>The date of an event the sentence is about, when the article dates it.</summary>
    public (string Phrase, DateOnly Deadline)? For(string sentence)
    {
        if (dates.Count == 0)
        {
            return null;
        }

        foreach (Match word in EventWord().Matches(sentence))
        {
            if (dates.TryGetValue(Key(word.Value), out var due))
            {
                return (word.Value, due);
            }
        }

        return null;
    }

    private static string Key(string word) => word.ToLowerInvariant() switch
    {
        "pre-election" or "polling day" or "poll" or "polls" or "ballot" or "vote" or "election" => "election",
        "match" or "game" or "tie" or "second leg" => "match",
        var other => other,
    };

    private static DateOnly? ToDate(Match date, DateOnly published)
    {
        if (date.Groups["weekday"].Success)
        {
            var day = Enum.Parse<DayOfWeek>(date.Groups["weekday"].Value, ignoreCase: true);
            var ahead = ((int)day - (int)published.DayOfWeek + 7) % 7;
            return published.AddDays(ahead == 0 ? 7 : ahead);
        }

        var month = Array.IndexOf(Month.Split('|'), date.Groups["month"].Value.ToLowerInvariant()) + 1;
        var dayOfMonth = int.Parse(date.Groups["day"].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (month < 1 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(published.Year, month))
        {
            return null;
        }

        var candidate = new DateOnly(published.Year, month, dayOfMonth);
        return candidate < published ? null : candidate;
    }
}
