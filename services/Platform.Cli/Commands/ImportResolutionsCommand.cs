using System.CommandLine;
using Platform.Client.Resolutions;
using Platform.Predictions.V1;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>import-resolutions &lt;file&gt;</c>: resolves many forecasts from a CSV file (header row: id, outcome, fraction, note,
/// evidence_url, resolved) or a JSON lines file with the same field names. Lines that cannot be read are reported
/// with their number and not sent; the others go through the ImportResolutions stream with their line numbers,
/// so the server's per-line errors (an unknown id, a fraction on a TRUE outcome…) name the file's lines too.
/// </summary>
internal static class ImportResolutionsCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A .csv file with a header row, or a .jsonl (.json) file of JSON lines" };
        var command = new Command("import-resolutions", "Resolve many forecasts from a CSV or JSON lines file (needs the resolver role)") { file };
        command.SetRemoteAction(async (parse, context) =>
        {
            var path = parse.GetValue(file)!;
            if (!ResolutionsFile.IsSupported(path))
            {
                throw new UsageException($"import-resolutions: '{path}' is neither .csv nor .jsonl / .json");
            }

            if (!File.Exists(path))
            {
                Output.Error($"{path}: no such file");
                return ExitCodes.Failed;
            }

            var lines = await ResolutionsFile.ReadAsync(path, context.CancellationToken);
            var report = new ImportResolutionsResponse();
            report.Errors.AddRange(lines.Where(l => l.Error is not null).Select(l => new ImportError { Line = l.Line, Message = "cannot read: " + l.Error }));
            var valid = lines.Where(l => l.Request is not null).ToList();
            if (valid.Count > 0)
            {
                using var call = context.Platform.Predictions.ImportResolutions(context.StreamingCall);
                foreach (var line in valid)
                {
                    await call.RequestStream.WriteAsync(new ImportResolutionLine { Line = line.Line, Resolution = line.Request }, context.CancellationToken);
                }

                await call.RequestStream.CompleteAsync();
                var answer = await call.ResponseAsync;
                report.Accepted = answer.Accepted;
                report.Errors.AddRange(answer.Errors);
            }

            var errors = report.Errors.OrderBy(e => e.Line).ToList();
            report.Errors.Clear();
            report.Errors.AddRange(errors);
            if (context.Json)
            {
                Output.Json(report);
            }
            else
            {
                Show(path, lines.Count, report);
            }

            return report.Errors.Count > 0 ? ExitCodes.Failed : ExitCodes.Success;
        });
        return command;
    }

    private static void Show(string path, int lineCount, ImportResolutionsResponse report)
    {
        if (report.Errors.Count > 0)
        {
            var table = Output.Table("Line>", "Problem");
            foreach (var error in report.Errors)
            {
                Output.Row(table, error.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
            }

            Output.Write(table);
        }

        Output.Line($"{path}: {lineCount} resolutions, {report.Accepted} accepted, {report.Errors.Count} failed");
    }
}
