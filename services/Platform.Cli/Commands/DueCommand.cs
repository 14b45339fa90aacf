using System.CommandLine;
using Platform.Predictions.V1;

namespace Platform.Cli.Commands;

/// <summary><c>due [--as-of yyyy-mm-dd] [--page-size] [--page-token]</c>: open forecasts past their deadline or review date, oldest first.</summary>
internal static class DueCommand
{
    public static Command Create()
    {
        var asOf = DateOption.Day("--as-of", "The day to judge against [default: today]");
        var pageSize = Paging.PageSize("at most 500 [default: 50]");
        var pageToken = Paging.PageToken();
        var command = new Command("due", "List forecasts awaiting resolution (past their deadline or review date)") { asOf, pageSize, pageToken };
        command.SetRemoteAction(async (parse, context) =>
        {
            var reply = await context.Platform.Predictions.ListDueAsync(new ListDueRequest
            {
                AsOf = parse.GetValue(asOf) ?? "",
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
                if (reply.Predictions.Count == 0)
                {
                    Output.Line("Nothing is due.");
                }
            }

            Output.NextPage(reply.NextPageToken, context.Json);
            return ExitCodes.Success;
        });
        return command;
    }
}
