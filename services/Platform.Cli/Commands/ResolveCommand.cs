using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Platform.Client.Resolutions;
using Platform.Predictions.V1;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>resolve &lt;id&gt; --outcome true|false|partial|annulled [--fraction 0..1] [--note] [--evidence-url] [--resolved yyyy-mm-dd]</c>:
/// records what happened to a forecast (needs the resolver role). A forecast may be resolved again; the last counts.
/// </summary>
internal static class ResolveCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The forecast's id (prd_…)" };
        var outcome = EnumOption.Create("--outcome", "What happened", new Dictionary<string, Outcome>(StringComparer.OrdinalIgnoreCase)
        {
            ["true"] = Outcome.True,
            ["false"] = Outcome.False,
            ["partial"] = Outcome.Partial,
            ["annulled"] = Outcome.Annulled,
        });
        outcome.Required = true;
        var fraction = new Option<double?>("--fraction") { Description = "How much came true, 0..1 (partial outcomes only)", HelpName = "0..1" };
        fraction.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value && !(value >= 0 && value <= 1))
            {
                result.AddError($"--fraction: {value.ToString(CultureInfo.InvariantCulture)} is not between 0 and 1");
            }
        });
        var note = new Option<string?>("--note") { Description = "Why, in a sentence", HelpName = "text" };
        var evidence = new Option<string?>("--evidence-url") { Description = "Where the outcome can be checked", HelpName = "url" };
        var resolved = DateOption.Day("--resolved", "When the outcome became known [default: now]");

        var command = new Command("resolve", "Record the outcome of a forecast (needs the resolver role)") { id, outcome, fraction, note, evidence, resolved };
        command.SetRemoteAction(async (parse, context) =>
        {
            var request = new ResolvePredictionRequest
            {
                Id = parse.GetValue(id)!,
                Outcome = parse.GetValue(outcome)!.Value,
                Fraction = parse.GetValue(fraction) ?? 0,
                Note = parse.GetValue(note) ?? "",
                EvidenceUrl = parse.GetValue(evidence) ?? "",
            };
            if (parse.GetValue(resolved) is { } day)
            {
                request.ResolvedTime = Timestamp.FromDateTime(ResolutionsFile.ParseDay(day, "--resolved").ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            }

            var prediction = await context.Platform.Predictions.ResolvePredictionAsync(request, context.Call);
            if (context.Json)
            {
                Output.Json(prediction);
            }
            else
            {
                Output.Line($"Resolved {prediction.Id} as {PredictionView.OutcomeName(request.Outcome)}.");
                Output.Line();
                PredictionView.Card(prediction);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
