using System.Text.Json;

namespace Platform.Cli.Tests;

[Collection(RunningPlatformGroup.Name)]
public sealed class ReadCommandTests(RunningPlatform platform)
{
    [Fact]
    public async Task DocumentsList_Json_PrintsOneDocumentPerLine_AndShowPrintsItsStages()
    {
        var file = Articles.Write(Articles.Folder(), "trade.md", Articles.Trade());
        var ingest = await platform.RunAsync("ingest", file, "--wait", "--api-key", RunningPlatform.ContributorKey);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        var list = await platform.RunAsync("documents", "list", "--json", "--page-size", "100");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.NotEmpty(list.StdoutLines);
        var ids = list.StdoutLines.Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.GetProperty("id").GetString()!;
        }).ToList();
        Assert.All(ids, id => Assert.StartsWith("doc_", id, StringComparison.Ordinal));
        var ingested = TableText.Row(ingest.Stdout, file)[2];
        Assert.Contains(ingested, ids);

        var show = await platform.RunAsync("documents", "show", ingested);

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("Trade talks in Geneva", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("The Daily Ledger", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("Tom Becker", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("DONE", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("Negotiators from France and Germany", show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntitiesAndDue_AnswerWithTables()
    {
        var file = Articles.Write(Articles.Folder(), "rates.md", Articles.Rates());
        Assert.Equal(0, (await platform.RunAsync("ingest", file, "--wait", "--api-key", RunningPlatform.ContributorKey)).ExitCode);

        var search = await platform.RunAsync("entities", "search", "Federal Reserve", "--limit", "5");
        Assert.True(search.ExitCode == 0, search.ToString());
        var match = TableText.Rows(search.Stdout).First(r => r[1] == "Federal Reserve");
        Assert.Equal("ORG", match[2]);
        var entityId = match[5];

        var list = await platform.RunAsync("entities", "list", "--type", "org", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(list.StdoutLines, line => line.Contains(entityId, StringComparison.Ordinal));

        var show = await platform.RunAsync("entities", "show", entityId);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("Federal Reserve", show.Stdout, StringComparison.Ordinal);

        var due = await platform.RunAsync("due", "--as-of", "2030-01-01");
        Assert.True(due.ExitCode == 0, due.ToString());
        Assert.Equal(["Id", "Deadline", "Status", "P", "Predictor", "Claim"], TableText.Rows(due.Stdout)[0]);
    }

    [Fact]
    public async Task Scoreboard_PrintsATable()
    {
        var result = await platform.RunAsync("scoreboard", "--min-resolved", "1", "--order-by", "skill");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Rank", "Predictor", "Resolved", "Brier", "Skill", "Hit rate"], TableText.Rows(result.Stdout)[0]);
    }

    [Fact]
    public async Task AnUnknownId_IsNotFound_ExitCode1()
    {
        var result = await platform.RunAsync("predictions", "show", "prd_0123456789abcdef0123456789abcdef");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("error: NOT_FOUND", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }
}
