using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Platform.Documents.Text;
using Platform.Entities.Recognition;
using Platform.Entities.Recognition.Lexicon;
using Platform.Entities.Recognition.Linking;
using Platform.Predictions.Extraction;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>extract &lt;file&gt; [--published yyyy-mm-dd] [--author name] [--json]</c>: a dry run of the pipelines on
/// one article, with no service running. The article text is read as the document service reads it (plain
/// text, Markdown or HTML by extension; author from the byline or closing bio line), then the entity recogniser
/// runs on the body exactly as the entity service does, with a fresh in-memory catalog, and the forecast extractor
/// as the prediction service does (deadlines read against --published, else the article's date, else today).
/// Exit codes: 0 done, 1 the file cannot be read, 2 bad arguments.
/// </summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The article: .txt, .md or .html" };
        var published = new Option<string?>("--published") { Description = "Publication date, yyyy-mm-dd (deadlines are read against it)" };
        var author = new Option<string?>("--author") { Description = "The author, when the text does not say" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var gazetteer = new Option<DirectoryInfo?>("--gazetteer") { Description = "A folder of extra gazetteer files" };
        var command = new Command("extract", "Run the extraction pipelines offline on one article") { file, published, author, json, gazetteer };
        command.SetAction(async (result, cancellationToken) =>
        {
            var input = result.GetValue(file)!;
            DateTimeOffset? publishedAt = null;
            if (result.GetValue(published) is { } text)
            {
                if (!DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    await Console.Error.WriteLineAsync($"--published: '{text}' is not a date in the form yyyy-mm-dd");
                    return 2;
                }

                publishedAt = date;
            }

            if (!input.Exists)
            {
                await Console.Error.WriteLineAsync($"{input.FullName}: no such file");
                return 1;
            }

            var content = await File.ReadAllTextAsync(input.FullName, cancellationToken);
            var given = result.GetValue(author);
            var article = ArticleTextExtractor.Extract(content, FormatOf(input), new ArticleHints
            {
                Authors = given is null ? null : [given],
                PublishedAt = publishedAt,
            });
            var recognizer = new EntityRecognizer(Lexicons.LoadWith(result.GetValue(gazetteer)?.FullName));
            var publishedOn = DateOnly.FromDateTime((article.PublishedAt ?? DateTimeOffset.UtcNow).UtcDateTime);
            var report = await ExtractionReport.BuildAsync(article, publishedOn, recognizer, new EntityLinker(new InMemoryEntityCatalog()), new ForecastExtractor(),
                cancellationToken);
            if (result.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(report, ExtractionReport.JsonOptions));
            }
            else
            {
                await Console.Out.WriteLineAsync(report.ToText());
            }

            return 0;
        });
        return command;
    }

    private static ContentFormat FormatOf(FileInfo file) => file.Extension.ToLowerInvariant() switch
    {
        ".html" or ".htm" => ContentFormat.Html,
        ".md" or ".markdown" => ContentFormat.Markdown,
        _ => ContentFormat.PlainText,
    };
}
