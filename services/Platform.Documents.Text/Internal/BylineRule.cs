using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Documents.Text.Internal;

/// <summary>
/// Finds a byline in the first paragraphs: "By Jane Doe", "By Jane Doe and John Roe", "BY JANE DOE in Baghdad",
/// "Written by Jane Doe | 3 November 2016", or a name followed by a news agency or a reporter's title
/// ("Jane Doe, Reuters", "Jane Doe, Middle East correspondent").
/// </summary>
internal static partial class BylineRule
{
    private const int ParagraphsScanned = 3;
    private const int MaxLineLength = 120;

    public static List<string> Find(IReadOnlyList<string> paragraphs)
    {
        foreach (var paragraph in paragraphs.Take(ParagraphsScanned))
        {
            foreach (var line in paragraph.Split('\n'))
            {
                var names = line.Length <= MaxLineLength ? Read(line.Trim()) : [];
                if (names.Count > 0)
                {
                    return names;
                }
            }
        }

        return [];
    }

    private static List<string> Read(string line)
    {
        var by = ByPrefix().Match(line);
        if (by.Success)
        {
            return Names(by.Groups["rest"].Value);
        }

        var agency = NameWithAgency().Match(line);
        return agency.Success && PersonNames.TryRead(agency.Groups["name"].Value, out var name) ? [name] : [];
    }

    // The first part must be a name; later parts are names until the first that is not ("Reuters",
    // "Staff Writer"), which ends the list.
    private static List<string> Names(string rest)
    {
        rest = Tail().Replace(rest, string.Empty);
        if (!rest.Any(char.IsLower))
        {
            rest = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(rest.ToLowerInvariant());
        }

        var names = new List<string>();
        foreach (var part in Separator().Split(rest))
        {
            if (!PersonNames.TryRead(part.Trim(), out var name))
            {
                break;
            }

            names.Add(name);
        }

        return names;
    }

    [GeneratedRegex(@"^(?:(?:written|reporting|words|story|text|analysis|opinion|commentary)\s+)?by\s*:?\s+(?<rest>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ByPrefix();

    // Everything after a separator, a bracket or a place/outlet preposition is not part of the names.
    [GeneratedRegex(@"(?:\s*[|·•(/]|\s+[-–—]\s|\s+(?:in|at|for|from|on|with)\s).*$", RegexOptions.IgnoreCase)]
    private static partial Regex Tail();

    [GeneratedRegex(@"\s*(?:,|;|\s&\s|\sand\s)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Separator();

    [GeneratedRegex(
        @"^(?<name>[^,]{3,60}),\s*(?:Reuters|Associated Press|AP|AFP|Agence France-Presse|Bloomberg|PA|Press Association|dpa|Xinhua|EFE|ANSA|UPI|PTI|IANS|Anadolu(?: Agency)?|Kyodo|Yonhap|(?:[\p{L}-]+\s+){0,3}(?:correspondent|editor|reporter|writer|columnist))\.?$",
        RegexOptions.IgnoreCase)]
    private static partial Regex NameWithAgency();
}
