namespace Platform.Cli.Tests;

/// <summary>Reads the rows of a table the CLI printed (Spectre.Console's rounded border: cells between '│').</summary>
internal static class TableText
{
    public static IReadOnlyList<IReadOnlyList<string>> Rows(string output) =>
    [
        .. output.Split('\n')
            .Where(line => line.TrimStart().StartsWith('│'))
            .Select(line => (IReadOnlyList<string>)[.. line.Trim().Trim('│').Split('│').Select(cell => cell.Trim())]),
    ];

    /// <summary>The data rows whose first cell is <paramref name="first"/>.</summary>
    public static IReadOnlyList<string> Row(string output, string first) =>
        Rows(output).FirstOrDefault(r => r[0] == first) ?? throw new InvalidOperationException($"No row for '{first}' in:\n{output}");
}
