using System.CommandLine;
using System.Globalization;

namespace Platform.Cli;

/// <summary>Options holding a day (yyyy-mm-dd) or a month (yyyy-mm), checked while parsing so a bad one is a usage error.</summary>
internal static class DateOption
{
    public static Option<string?> Day(string name, string description) => Create(name, description, "yyyy-MM-dd", "yyyy-mm-dd");

    public static Option<string?> Month(string name, string description) => Create(name, description, "yyyy-MM", "yyyy-mm");

    private static Option<string?> Create(string name, string description, string format, string shown)
    {
        var option = new Option<string?>(name) { Description = $"{description}, {shown}", HelpName = shown };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text
                && !DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                result.AddError($"{name}: '{text}' is not in the form {shown}");
            }
        });
        return option;
    }
}
