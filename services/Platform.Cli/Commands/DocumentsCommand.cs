using System.CommandLine;
using Platform.Documents.V1;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>documents list [--author] [--outlet] [--query] [--page-size] [--page-token]</c> and <c>documents show &lt;id&gt;</c>:
/// the stored articles, newest first, and one article with the state of its processing stages.
/// </summary>
internal static class DocumentsCommand
{
    private const int BodyLines = 8;

    public static Command Create() => new("documents", "Browse the stored articles") { List(), Show() };

    private static Command List()
    {
        var author = new Option<string?>("--author") { Description = "Only articles by this author" };
        var outlet = new Option<string?>("--outlet") { Description = "Only articles from this outlet" };
        var query = new Option<string?>("--query") { Description = "Words that must all appear in the title or body" };
        var pageSize = Paging.PageSize("1-100 [default: 25]");
        var pageToken = Paging.PageToken();
        var command = new Command("list", "List articles, newest first") { author, outlet, query, pageSize, pageToken };
        command.SetRemoteAction(async (parse, context) =>
        {
            var reply = await context.Platform.Documents.ListDocumentsAsync(new ListDocumentsRequest
            {
                Author = parse.GetValue(author) ?? "",
                Outlet = parse.GetValue(outlet) ?? "",
                Query = parse.GetValue(query) ?? "",
                PageSize = parse.GetValue(pageSize),
                PageToken = parse.GetValue(pageToken) ?? "",
            }, context.Call);
            if (context.Json)
            {
                foreach (var document in reply.Documents)
                {
                    Output.Json(document);
                }
            }
            else
            {
                var table = Output.Table("Id", "Published", "Outlet", "Authors", "Title", "Entities", "Forecasts");
                foreach (var document in reply.Documents)
                {
                    Output.Row(table, document.Id, Output.Day(document.PublishedTime), document.Outlet, string.Join(", ", document.Authors),
                        Output.Shorten(document.Title, 60), Output.Stage(document.Status?.Entities), Output.Stage(document.Status?.Predictions));
                }

                Output.Write(table);
            }

            Output.NextPage(reply.NextPageToken, context.Json);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The document's id (doc_…)" };
        var command = new Command("show", "Show one article: metadata, processing stages and the start of its text") { id };
        command.SetRemoteAction(async (parse, context) =>
        {
            var document = await context.Platform.Documents.GetDocumentAsync(new GetDocumentRequest { Id = parse.GetValue(id)! }, context.Call);
            if (context.Json)
            {
                Output.Json(document);
                return ExitCodes.Success;
            }

            Output.Fields(
                ("Title", document.Title.Length > 0 ? document.Title : "(none)"),
                ("Id", document.Id),
                ("Outlet", document.Outlet),
                ("Authors", document.Authors.Count > 0 ? $"{string.Join(", ", document.Authors)} ({document.AuthorRule})" : "unknown"),
                ("Published", Output.Day(document.PublishedTime)),
                ("URL", document.Url),
                ("Language", document.Language),
                ("Ingested", Output.Moment(document.IngestedTime)),
                ("Entities", Output.Stage(document.Status?.Entities)),
                ("Forecasts", Output.Stage(document.Status?.Predictions)));
            Output.Line();
            var lines = document.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var line in lines.Take(BodyLines))
            {
                Output.Line(Output.Shorten(line, 300));
            }

            if (lines.Length > BodyLines)
            {
                Output.Line($"… ({lines.Length - BodyLines} more paragraphs)");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
