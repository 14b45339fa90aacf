using System.CommandLine;
using Platform.Cli.Commands;

var root = new RootCommand("The Platform's command line: extract entities (and, with the prediction service, forecasts) from articles.");
root.Subcommands.Add(ExtractCommand.Create());
return await root.Parse(args).InvokeAsync();
