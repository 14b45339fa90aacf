using System.CommandLine;
using System.Globalization;
using Platform.Predictions.V1;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>scoreboard [--group predictor|outlet|entity] [--min-resolved N] [--order-by brier|skill|resolved|hit-rate] [--limit N]
/// [--window-start yyyy-mm] [--window-end yyyy-mm] [--directional-only]</c>: the forecasters ranked by their scores.
/// </summary>
internal static class ScoreboardCommand
{
    public static Command Create()
    {
        var group = EnumOption.Create("--group", "Whom to rank", new Dictionary<string, ScoreGroup>(StringComparer.OrdinalIgnoreCase)
        {
            ["predictor"] = ScoreGroup.Predictor,
            ["outlet"] = ScoreGroup.Outlet,
            ["entity"] = ScoreGroup.Entity,
        });
        var minResolved = new Option<int>("--min-resolved") { Description = "Rank only those with at least N resolved forecasts [default: 5]", HelpName = "N" };
        minResolved.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--min-resolved: give a number of at least 1");
            }
        });
        var orderBy = EnumOption.Create("--order-by", "The ranking", new Dictionary<string, ScoreOrder>(StringComparer.OrdinalIgnoreCase)
        {
            ["brier"] = ScoreOrder.Brier,
            ["skill"] = ScoreOrder.Skill,
            ["resolved"] = ScoreOrder.ResolvedCount,
            ["hit-rate"] = ScoreOrder.HitRate,
        });
        var limit = new Option<int>("--limit") { Description = "At most N entries, up to 1000 [default: 100]", HelpName = "N" };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                result.AddError("--limit: give a number from 1 to 1000");
            }
        });
        var windowStart = DateOption.Month("--window-start", "Only forecasts published in or after this month");
        var windowEnd = DateOption.Month("--window-end", "Only forecasts published before this month");
        var directional = new Option<bool>("--directional-only") { Description = "Score only directional forecasts (leave out may/might/could)" };
        var command = new Command("scoreboard", "Rank the forecasters (or outlets, or entities) by their scores")
        {
            group, minResolved, orderBy, limit, windowStart, windowEnd, directional,
        };
        command.SetRemoteAction(async (parse, context) =>
        {
            var request = new GetScoreboardRequest
            {
                Group = parse.GetValue(group) ?? ScoreGroup.Predictor,
                MinResolved = parse.GetValue(minResolved),
                OrderBy = parse.GetValue(orderBy) ?? ScoreOrder.Brier,
                Limit = parse.GetValue(limit),
                WindowStart = parse.GetValue(windowStart) ?? "",
                WindowEnd = parse.GetValue(windowEnd) ?? "",
                DirectionalOnly = parse.GetValue(directional),
            };
            var board = await context.Platform.Predictions.GetScoreboardAsync(request, context.Call);
            if (context.Json)
            {
                foreach (var entry in board.Entries)
                {
                    Output.Json(entry);
                }

                return ExitCodes.Success;
            }

            var table = Output.Table("Rank>", request.Group.ToString(), "Resolved>", "Brier>", "Skill>", "Hit rate>");
            foreach (var entry in board.Entries)
            {
                var scores = entry.Scores ?? new Scores();
                Output.Row(table, entry.Rank.ToString(CultureInfo.InvariantCulture), entry.Name, scores.Resolved.ToString(CultureInfo.InvariantCulture),
                    Output.Number(scores.Brier), Output.Number(scores.Skill, "+0.000;-0.000;0.000"), Output.Percent(scores.HitRate));
            }

            Output.Write(table);
            if (board.Entries.Count == 0)
            {
                Output.Line($"No {request.Group.ToString().ToLowerInvariant()} has enough resolved forecasts yet (--min-resolved).");
            }

            if (board.ScaleNote.Length > 0)
            {
                Output.Line(board.ScaleNote);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
