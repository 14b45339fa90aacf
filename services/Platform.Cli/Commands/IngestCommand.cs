using System.CommandLine;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Platform.Cli.Ingestion;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>ingest &lt;paths...&gt; [--urls file] [--parallel N] [--wait]</c>: sends article files (folders recursively) and
/// web pages to the document service, then shows one row per item: new, already stored or failed (with why).
/// Re-running is safe: the same file is the same request and the same content is stored once.
/// </summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Article files, and folders searched recursively for *.md, *.markdown, *.html, *.htm and *.txt",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var urls = new Option<string?>("--urls") { Description = "A file of URLs, one a line, fetched and sent as HTML", HelpName = "file" };
        var parallel = new Option<int>("--parallel") { Description = "Files read, pages fetched and documents followed at once", DefaultValueFactory = _ => 4, HelpName = "N" };
        parallel.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 64)
            {
                result.AddError("--parallel: give a number from 1 to 64");
            }
        });
        var wait = new Option<bool>("--wait") { Description = "Wait until each document's entities and forecasts are extracted, and count the forecasts" };
        var command = new Command("ingest", "Send articles (files, folders, URLs) to the platform") { paths, urls, parallel, wait };
        command.SetRemoteAction(async (parse, context) =>
        {
            var given = parse.GetValue(paths) ?? [];
            var urlsFile = parse.GetValue(urls);
            if (given.Length == 0 && urlsFile is null)
            {
                throw new UsageException("ingest: name files or folders, or give --urls <file>");
            }

            var sources = await IngestSource.CollectAsync(given, urlsFile, context.CancellationToken);
            if (sources.Count == 0)
            {
                Output.Error("nothing to ingest: the --urls file lists no URLs");
                return ExitCodes.Failed;
            }

            using var http = new HttpClient { Timeout = IngestRunner.FetchTimeout, MaxResponseContentBufferSize = 16 * 1024 * 1024 };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("platform-cli/1.0");
            var waiting = parse.GetValue(wait);
            var runner = new IngestRunner(context.Platform, http, waiting, context.CancellationToken);
            var outcomes = Array.Empty<IngestOutcome>();
            async Task RunAsync(Action? advance) => outcomes = await runner.IngestAllAsync(sources, parse.GetValue(parallel), advance);

            if (Output.IsTerminal && !context.Json)
            {
                await Output.Console.Progress()
                    .AutoClear(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask(waiting ? "Ingesting and extracting" : "Ingesting", maxValue: sources.Count);
                        await RunAsync(() => task.Increment(1));
                    });
            }
            else
            {
                await RunAsync(null);
            }

            if (context.Json)
            {
                foreach (var outcome in outcomes)
                {
                    Console.Out.WriteLine(ToJson(outcome));
                }
            }
            else
            {
                Show(outcomes, waiting);
            }

            return Finish(outcomes, context.Platform.Gateway);
        });
        return command;
    }

    private static void Show(IngestOutcome[] outcomes, bool waiting)
    {
        var table = waiting
            ? Output.Table("File / URL", "Result", "Document", "Forecasts>", "Error")
            : Output.Table("File / URL", "Result", "Document", "Error");
        foreach (var outcome in outcomes)
        {
            var result = ResultText(outcome.Result);
            if (waiting)
            {
                Output.Row(table, outcome.Source.Label, result, outcome.DocumentId, outcome.Forecasts?.ToString(System.Globalization.CultureInfo.InvariantCulture), outcome.Error);
            }
            else
            {
                Output.Row(table, outcome.Source.Label, result, outcome.DocumentId, outcome.Error);
            }
        }

        Output.Write(table);
        foreach (var outcome in outcomes)
        {
            foreach (var warning in outcome.Warnings ?? [])
            {
                System.Console.Error.WriteLine($"warning: {outcome.Source.Label}: {warning}");
            }
        }

        Output.Line(
            $"{outcomes.Count(o => o.Result == IngestResult.New)} new, {outcomes.Count(o => o.Result == IngestResult.AlreadyStored)} already stored, " +
            $"{outcomes.Count(o => o.IsFailure)} failed" + (waiting ? $", {outcomes.Sum(o => o.Forecasts ?? 0)} forecasts" : ""));
    }

    /// <summary>Refusals of the caller's rights outrank an unreachable gateway, which outranks a bad item.</summary>
    private static int Finish(IngestOutcome[] outcomes, Uri gateway)
    {
        var failures = outcomes.Where(o => o.IsFailure).ToList();
        if (failures.FirstOrDefault(o => o.Code is StatusCode.Unauthenticated or StatusCode.PermissionDenied) is { } denied)
        {
            Output.Error($"the gateway at {gateway} refused: {denied.Error}");
            Output.Hint(RemoteAction.CredentialsHint);
            return ExitCodes.Denied;
        }

        if (failures.FirstOrDefault(o => o.Code is StatusCode.Unavailable or StatusCode.DeadlineExceeded) is { } unreachable)
        {
            Output.Error($"the gateway at {gateway} is unreachable or unavailable: {unreachable.Error}");
            return ExitCodes.Unreachable;
        }

        return failures.Count > 0 ? ExitCodes.Failed : ExitCodes.Success;
    }

    private static string ResultText(IngestResult result) => result switch
    {
        IngestResult.New => "new",
        IngestResult.AlreadyStored => "already stored",
        _ => "failed",
    };

    /// <summary>One JSON object per item, in the same lowerCamelCase style as the proto3 JSON of the other commands.</summary>
    private static string ToJson(IngestOutcome outcome)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("source", outcome.Source.Label);
            json.WriteString("result", outcome.Result switch { IngestResult.New => "new", IngestResult.AlreadyStored => "already_stored", _ => "failed" });
            if (outcome.DocumentId is not null)
            {
                json.WriteString("documentId", outcome.DocumentId);
            }

            if (outcome.Forecasts is { } forecasts)
            {
                json.WriteNumber("forecasts", forecasts);
            }

            if (outcome.Error is not null)
            {
                json.WriteString("error", outcome.Error);
            }

            if (outcome.Code is { } code)
            {
                json.WriteString("code", RemoteAction.CodeName(code));
            }

            if (outcome.Warnings is { Count: > 0 } warnings)
            {
                json.WriteStartArray("warnings");
                foreach (var warning in warnings)
                {
                    json.WriteStringValue(warning);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
