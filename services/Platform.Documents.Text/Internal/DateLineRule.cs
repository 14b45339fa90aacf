using System.Text.RegularExpressions;

namespace Platform.Documents.Text.Internal;

/// <summary>
/// Finds a publication date the article states in its first paragraphs, for texts without metadata: a date line
/// ("3 November 2016", "Published on November 3, 2016", "Updated: 2016-11-03 10:52"), a date after a byline
/// ("By Jane Doe | 3 November 2016"), or a news dateline ("LONDON, Nov. 3, 2016 — …", "BAGHDAD (3 November 2016) –").
/// Only the opening lines are read: a date further down is an event's, not the article's. An all-numeric date that
/// could be read two ways ("03/11/2016") is not taken, nor a list item or a sentence opening ("- 1 March 2027",
/// "On 4 July …": an agenda's dates), an "Updated" date (not when it appeared), or a date still to come.
/// </summary>
internal static partial class DateLineRule
{
    private const int ParagraphsScanned = 3;
    private const int MaxLineLength = 120;

    public static DateTimeOffset? Find(IReadOnlyList<string> paragraphs, DateOrder order)
    {
        foreach (var paragraph in paragraphs.Take(ParagraphsScanned))
        {
            foreach (var raw in paragraph.Split('\n'))
            {
                var line = raw.Trim();
                if (NotADateLine().IsMatch(line))
                {
                    continue;
                }

                if (Read(line.Length <= MaxLineLength ? line : line[..MaxLineLength], order) is { } found
                    && found <= DateTimeOffset.UtcNow.AddDays(1))
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static DateTimeOffset? Read(string line, DateOrder order)
    {
        // A whole line that is a date, after an optional label.
        var label = Label().Match(line);
        var candidate = label.Success ? line[label.Length..] : line;
        if (candidate.Length <= 60 && PublishedTimeParser.TryParse(candidate.Trim().TrimEnd('.'), order, out var whole, out _))
        {
            return whole;
        }

        // A byline's trailing date: "By Jane Doe | 3 November 2016", "By Jane Doe, November 3, 2016".
        var byline = BylineDate().Match(line);
        if (byline.Success && PublishedTimeParser.TryParse(byline.Groups["date"].Value.Trim(), order, out var signed, out _))
        {
            return signed;
        }

        // A dateline: a place in capitals, the date, a dash, then the story.
        var dateline = Dateline().Match(line);
        return dateline.Success && PublishedTimeParser.TryParse(dateline.Groups["date"].Value.Trim(), order, out var dated, out _)
            ? dated
            : null;
    }

    [GeneratedRegex(@"^(?:(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|date(?:d)?)\s*[:\-–—]?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"^(?:[-*•·–—]\s|\d+[.)]\s|on\s|(?:last\s+)?updated\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotADateLine();

    [GeneratedRegex(@"^by\s+[^|,;]{3,60}?\s*[|,;•·]\s*(?<date>[^|;•·]{6,50})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylineDate();

    [GeneratedRegex(@"^(?<place>[A-Z][A-Z.'\- ]{1,40}?)\s*(?:,\s*(?<date>[^()—–]{6,40}?)|\(\s*(?<date>[^()]{6,40}?)\s*\))\s*(?:—|–|--|-)\s+\S", RegexOptions.CultureInvariant)]
    private static partial Regex Dateline();
}
