using System.CommandLine;
using Platform.Predictions.V1;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>predictions list [--predictor] [--outlet] [--entity] [--document] [--status] [--deadline-from] [--deadline-to]
/// [--page-size] [--page-token]</c> and <c>predictions show &lt;id&gt;</c>: the forecasts found in the articles.
/// </summary>
internal static class PredictionsCommand
{
    public static Command Create() => new("predictions", "Browse the forecasts found in the articles") { List(), Show() };

    private static Command List()
    {
        var predictor = new Option<string?>("--predictor") { Description = "Only forecasts by this person", HelpName = "name" };
        var outlet = new Option<string?>("--outlet") { Description = "Only forecasts from this outlet", HelpName = "name" };
        var entity = new Option<string?>("--entity") { Description = "Only forecasts about this entity", HelpName = "ent_id" };
        var document = new Option<string?>("--document") { Description = "Only forecasts found in this document", HelpName = "doc_id" };
        var status = EnumOption.Create<PredictionStatus>("--status", "Only forecasts in this state");
        var from = new Option<string?>("--deadline-from") { Description = "Deadline on or after, yyyy-mm-dd", HelpName = "date" };
        var to = new Option<string?>("--deadline-to") { Description = "Deadline on or before, yyyy-mm-dd", HelpName = "date" };
        var pageSize = Paging.PageSize("at most 500 [default: 50]");
        var pageToken = Paging.PageToken();
        var command = new Command("list", "List forecasts, newest first") { predictor, outlet, entity, document, status, from, to, pageSize, pageToken };
        command.SetRemoteAction(async (parse, context) =>
        {
            var reply = await context.Platform.Predictions.ListPredictionsAsync(new ListPredictionsRequest
            {
                Predictor = parse.GetValue(predictor) ?? "",
                Outlet = parse.GetValue(outlet) ?? "",
                EntityId = parse.GetValue(entity) ?? "",
                DocumentId = parse.GetValue(document) ?? "",
                Status = parse.GetValue(status) ?? PredictionStatus.Unspecified,
                DeadlineFrom = parse.GetValue(from) ?? "",
                DeadlineTo = parse.GetValue(to) ?? "",
                PageSize = parse.GetValue(pageSize),
                PageToken = parse.GetValue(pageToken) ?? "",
            }, context.Call);
            if (context.Json)
            {
                foreach (var prediction in reply.Predictions)
                {
                    Output.Json(prediction);
                }
            }
            else
            {
                PredictionView.Table(reply.Predictions);
            }

            Output.NextPage(reply.NextPageToken, context.Json);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The forecast's id (prd_…)" };
        var command = new Command("show", "Show one forecast: claim, quote, probability, deadline, status and resolutions") { id };
        command.SetRemoteAction(async (parse, context) =>
        {
            var prediction = await context.Platform.Predictions.GetPredictionAsync(new GetPredictionRequest { Id = parse.GetValue(id)! }, context.Call);
            if (context.Json)
            {
                Output.Json(prediction);
            }
            else
            {
                PredictionView.Card(prediction);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
