using System.CommandLine;

namespace Platform.Cli;

/// <summary>An option whose value is one of a proto enum's names, in any case (UNSPECIFIED excluded).</summary>
internal static class EnumOption
{
    public static Option<T?> Create<T>(string name, string description, IReadOnlyDictionary<string, T>? names = null)
        where T : struct, Enum
    {
        var accepted = names ?? Enum.GetValues<T>()
            .Where(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) != 0)
            .ToDictionary(v => v.ToString().ToUpperInvariant(), v => v, StringComparer.OrdinalIgnoreCase);
        var choices = string.Join(", ", accepted.Keys.Select(k => k.ToLowerInvariant()));
        return new Option<T?>(name)
        {
            // Named choices show in the help as the value's name; the enum's own names are listed in the description.
            Description = names is null ? $"{description}: {choices}" : description,
            HelpName = names is null ? "value" : string.Join('|', accepted.Keys.Select(k => k.ToLowerInvariant())),
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (accepted.TryGetValue(text.Trim(), out var value))
                {
                    return value;
                }

                result.AddError($"{name}: '{text}' is not one of {choices}");
                return null;
            },
        };
    }
}
