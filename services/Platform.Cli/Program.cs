using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Platform.Cli;
using Platform.Cli.Commands;

var root = new RootCommand($"""
    The Platform's command line. Ingest articles, browse documents, entities and forecasts, resolve forecasts and read
    the scoreboard through the gateway; "extract" runs the extraction pipelines offline on one file.

    Environment: PLATFORM_GATEWAY (the gateway's address, default {RemoteOptions.DefaultGateway}), PLATFORM_API_KEY (the API key).

    {ExitCodes.Summary}
    """);
root.Subcommands.Add(ExtractCommand.Create());
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(DocumentsCommand.Create());
root.Subcommands.Add(EntitiesCommand.Create());
root.Subcommands.Add(PredictionsCommand.Create());
root.Subcommands.Add(ResolveCommand.Create());
root.Subcommands.Add(ImportResolutionsCommand.Create());
root.Subcommands.Add(DueCommand.Create());
root.Subcommands.Add(ScoreboardCommand.Create());
root.Subcommands.Add(KeysCommand.Create());

var parse = root.Parse(args);
if (parse.Action is ParseErrorAction)
{
    // System.CommandLine exits 1 on a parse error; 1 means "some items failed" here, so usage errors get their own code.
    foreach (var error in parse.Errors)
    {
        Output.Error(error.Message);
    }

    Output.Hint($"see '{CommandPath(parse.CommandResult)} --help'");
    return ExitCodes.Usage;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    // The last line of defence: one line on stderr instead of a stack trace.
    Output.Error($"{e.GetType().Name}: {e.Message}");
    return ExitCodes.Failed;
}

static string CommandPath(CommandResult command) =>
    command.Parent is CommandResult parent ? $"{CommandPath(parent)} {command.Command.Name}" : "platform";
