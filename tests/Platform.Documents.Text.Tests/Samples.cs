namespace Platform.Documents.Text.Tests;

/// <summary>Test articles written by the team, under Samples/ (the project's tests never read ../shared).</summary>
internal static class Samples
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    public static string[] Paragraphs(ExtractedArticle article) => article.Body.Split("\n\n");

    /// <summary>Plain text made of the given paragraphs, one blank line apart.</summary>
    public static string Text(params string[] paragraphs) => string.Join("\n\n", paragraphs);
}
