using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Documents.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Platform.Cli;

/// <summary>
/// Where results go: tables and text through Spectre.Console on stdout, proto3 JSON lines on stdout with --json,
/// and errors as single lines on stderr.
/// </summary>
internal static class Output
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    public static IAnsiConsole Console { get; } = CreateConsole();

    /// <summary>Whether a person is watching stdout (a progress bar makes sense) rather than a pipe or a file.</summary>
    public static bool IsTerminal => !System.Console.IsOutputRedirected;

    private static IAnsiConsole CreateConsole()
    {
        var redirected = System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Out),
            // Spectre judges ANSI support by the terminal type, which a pipe inherits: no escape codes in files.
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected)
        {
            // Piped output goes to grep or a file, not an 80-column screen: don't wrap cells, let tables be as wide as they need.
            console.Profile.Width = 512;
        }

        return console;
    }

    public static void Json(IMessage message) => System.Console.Out.WriteLine(Formatter.Format(message));

    public static void Line(string text = "") => Console.WriteLine(text);

    public static void Write(IRenderable renderable) => Console.Write(renderable);

    public static void Error(string message) => System.Console.Error.WriteLine("error: " + message);

    public static void Hint(string message) => System.Console.Error.WriteLine("hint: " + message);

    /// <summary>A table with these column headers; a header ending in '>' is right-aligned (numbers).</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            var right = column.EndsWith('>');
            var header = new TableColumn(new Text(right ? column[..^1] : column, new Style(decoration: Decoration.Bold)));
            table.AddColumn(right ? header.RightAligned() : header);
        }

        return table;
    }

    /// <summary>Adds a row of plain text cells (never read as markup: titles and errors may hold brackets).</summary>
    public static void Row(Table table, params string?[] cells) =>
        table.AddRow([.. cells.Select(c => (IRenderable)new Text(c ?? ""))]);

    /// <summary>"Label: value" lines, the values aligned; empty values are left out.</summary>
    public static void Fields(params (string Label, string? Value)[] fields)
    {
        var shown = fields.Where(f => !string.IsNullOrEmpty(f.Value)).ToList();
        var width = shown.Count == 0 ? 0 : shown.Max(f => f.Label.Length) + 2;
        foreach (var (label, value) in shown)
        {
            // Continuation lines of a multi-line value are indented under the value.
            Line((label + ":").PadRight(width) + value!.ReplaceLineEndings("\n" + new string(' ', width)));
        }
    }

    /// <summary>Tells how to get the next page: after the table, or on stderr with --json so stdout stays pure JSON lines.</summary>
    public static void NextPage(string token, bool json)
    {
        if (token.Length == 0)
        {
            return;
        }

        if (json)
        {
            System.Console.Error.WriteLine($"next page: --page-token {token}");
        }
        else
        {
            Line($"More: --page-token {token}");
        }
    }

    public static string Day(Timestamp? time) =>
        time is null ? "" : time.ToDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Moment(Timestamp? time) =>
        time is null ? "" : time.ToDateTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Percent(double probability) =>
        double.IsNaN(probability) ? "–" : (probability * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    public static string Number(double value, string format = "0.000") =>
        double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Stage(StageStatus? stage) => stage?.State switch
    {
        null or StageState.Unspecified => "unknown",
        StageState.Failed => string.IsNullOrEmpty(stage.Reason) ? "FAILED" : $"FAILED: {stage.Reason}",
        var state => state.ToString()!.ToUpperInvariant(),
    };

    /// <summary>At most <paramref name="max"/> characters, with an ellipsis when cut.</summary>
    public static string Shorten(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1).TrimEnd(), "…");
}
