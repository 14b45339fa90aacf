namespace Platform.Cli.Tests;

/// <summary>
/// Small articles with front matter, each made unique by a reference number so that a test's ingest is "new"
/// whatever the other tests stored before it. Each holds at least one forecast the extractor finds.
/// </summary>
internal static class Articles
{
    /// <summary>Every test's folder lives under one temporary root, removed when the test run ends.</summary>
    private static readonly Lazy<string> Root = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("cli-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(root, recursive: true);
        return root;
    });

    public static string Folder() => Directory.CreateDirectory(Path.Combine(Root.Value, Guid.NewGuid().ToString("N")[..12])).FullName;

    public static string Rates() => $"""
        ---
        title: Rates outlook for the coming years
        outlet: The Daily Ledger
        authors: Maria Keller
        published: 2025-03-14
        ---
        Inflation stayed high through the winter, and the Federal Reserve kept its policy rate unchanged in March.

        The central bank will probably raise interest rates before the end of 2027.

        Reference {Unique()}.
        """;

    public static string Trade() => $"""
        ---
        title: Trade talks in Geneva
        outlet: The Daily Ledger
        authors: Tom Becker
        published: 2025-04-02
        ---
        Negotiators from France and Germany met in Geneva this week to discuss tariffs.

        The European Union will almost certainly sign a new trade agreement with Japan by the end of 2026.

        Reference {Unique()}.
        """;

    public static string Energy() => $"""
        ---
        title: Power prices and the winter ahead
        outlet: Northern Review
        authors: Ines Duarte
        published: 2025-01-20
        ---
        Gas storage in Norway and the Netherlands is fuller than a year ago.

        Electricity prices in Spain are likely to fall by the summer of 2026.

        Reference {Unique()}.
        """;

    public static string Write(string folder, string name, string content)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static int Unique() => Random.Shared.Next(1_000_000, 9_999_999);
}
