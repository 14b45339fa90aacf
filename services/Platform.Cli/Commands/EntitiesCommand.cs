using System.CommandLine;
using System.Globalization;
using Platform.Entities.V1;

namespace Platform.Cli.Commands;

/// <summary>
/// <c>entities list [--type] [--name-prefix] [--page-size] [--page-token]</c>, <c>entities show &lt;id&gt;</c> and
/// <c>entities search &lt;query&gt; [--type] [--limit]</c>: the people, organisations and places found in the articles.
/// </summary>
internal static class EntitiesCommand
{
    private const int ShownMentions = 10;

    public static Command Create() => new("entities", "Browse the people, organisations and places found in the articles") { List(), Show(), Search() };

    private static Command List()
    {
        var type = EnumOption.Create<EntityType>("--type", "Only entities of this type");
        var prefix = new Option<string?>("--name-prefix") { Description = "Only entities whose name starts so (case and accents ignored)", HelpName = "text" };
        var pageSize = Paging.PageSize("at most 500 [default: 50]");
        var pageToken = Paging.PageToken();
        var command = new Command("list", "List entities, most mentioned first") { type, prefix, pageSize, pageToken };
        command.SetRemoteAction(async (parse, context) =>
        {
            var reply = await context.Platform.Entities.ListEntitiesAsync(new ListEntitiesRequest
            {
                Type = parse.GetValue(type) ?? EntityType.Unspecified,
                NamePrefix = parse.GetValue(prefix) ?? "",
                PageSize = parse.GetValue(pageSize),
                PageToken = parse.GetValue(pageToken) ?? "",
            }, context.Call);
            if (context.Json)
            {
                foreach (var entity in reply.Entities)
                {
                    Output.Json(entity);
                }
            }
            else
            {
                var table = Output.Table("Id", "Name", "Type", "Mentions>", "Documents>");
                foreach (var entity in reply.Entities)
                {
                    Output.Row(table, entity.Id, entity.CanonicalName, TypeName(entity.Type), Count(entity.MentionCount), Count(entity.DocumentCount));
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
        var id = new Argument<string>("id") { Description = "The entity's id (ent_…); a merged id shows the entity it was merged into" };
        var command = new Command("show", "Show one entity: aliases, counts and its latest mentions") { id };
        command.SetRemoteAction(async (parse, context) =>
        {
            var entity = await context.Platform.Entities.GetEntityAsync(new GetEntityRequest { Id = parse.GetValue(id)! }, context.Call);
            if (context.Json)
            {
                Output.Json(entity);
                return ExitCodes.Success;
            }

            var mentions = await context.Platform.Entities.ListMentionsAsync(new ListMentionsRequest { EntityId = entity.Id, PageSize = ShownMentions }, context.Call);
            Output.Fields(
                ("Name", entity.CanonicalName),
                ("Id", entity.Id),
                ("Type", TypeName(entity.Type)),
                ("Aliases", string.Join(", ", entity.Aliases.Select(a => $"{a.Name} ({a.Source.ToString().ToLowerInvariant()})"))),
                ("Mentions", $"{Count(entity.MentionCount)} in {Count(entity.DocumentCount)} documents"),
                ("Merged ids", string.Join(", ", entity.MergedIds)),
                ("Created", Output.Moment(entity.CreateTime)),
                ("Updated", Output.Moment(entity.UpdateTime)));
            if (mentions.Mentions.Count > 0)
            {
                Output.Line();
                var table = Output.Table("Document", "Published", "Text", "Offsets");
                foreach (var mention in mentions.Mentions)
                {
                    Output.Row(table, mention.DocumentId, Output.Day(mention.PublishedTime), mention.Text, $"{mention.Start}-{mention.End}");
                }

                Output.Write(table);
                if (mentions.TotalSize > mentions.Mentions.Count)
                {
                    Output.Line($"Latest {mentions.Mentions.Count} of {Count(mentions.TotalSize)} mentions.");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Search()
    {
        var query = new Argument<string>("query") { Description = "A name, alias or spelling variant" };
        var type = EnumOption.Create<EntityType>("--type", "Only entities of this type");
        var limit = new Option<int>("--limit") { Description = "At most this many matches, up to 100 [default: 20]", HelpName = "N" };
        var command = new Command("search", "Find entities by name, alias or spelling variant") { query, type, limit };
        command.SetRemoteAction(async (parse, context) =>
        {
            var reply = await context.Platform.Entities.SearchEntitiesAsync(new SearchEntitiesRequest
            {
                Query = parse.GetValue(query)!,
                Type = parse.GetValue(type) ?? EntityType.Unspecified,
                Limit = parse.GetValue(limit),
            }, context.Call);
            if (context.Json)
            {
                foreach (var match in reply.Matches)
                {
                    Output.Json(match);
                }

                return ExitCodes.Success;
            }

            var table = Output.Table("Score>", "Name", "Type", "Matched", "Mentions>", "Id");
            foreach (var match in reply.Matches)
            {
                Output.Row(table, Output.Number(match.Score, "0.00"), match.Entity.CanonicalName, TypeName(match.Entity.Type), match.MatchedName,
                    Count(match.Entity.MentionCount), match.Entity.Id);
            }

            Output.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string TypeName(EntityType type) => type.ToString().ToUpperInvariant();

    private static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
