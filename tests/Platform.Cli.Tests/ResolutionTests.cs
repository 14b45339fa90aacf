using System.Text.Json;

namespace Platform.Cli.Tests;

[Collection(RunningPlatformGroup.Name)]
public sealed class ResolutionTests(RunningPlatform platform)
{
    [Fact]
    public async Task Resolve_WithTheResolverKey_IsRecorded_AndAReaderKeyIsDeniedWithTheHint()
    {
        var id = await IngestAndFindForecastAsync(Articles.Rates());

        var denied = await platform.RunAsync("resolve", id, "--outcome", "false", "--api-key", RunningPlatform.ReaderKey);

        Assert.True(denied.ExitCode == 4, denied.ToString());
        Assert.Contains("PERMISSION_DENIED", denied.Stderr, StringComparison.Ordinal);
        Assert.Contains("set --api-key or PLATFORM_API_KEY; resolving needs the resolver role", denied.Stderr, StringComparison.Ordinal);

        var resolved = await platform.RunAsync("resolve", id, "--outcome", "true", "--note", "Rates rose in 2026", "--api-key", RunningPlatform.ResolverKey);

        Assert.True(resolved.ExitCode == 0, resolved.ToString());
        var shown = await platform.RunAsync("predictions", "show", id);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("RESOLVED", shown.Stdout, StringComparison.Ordinal);
        var resolution = TableText.Rows(shown.Stdout).Single(r => r.Count > 1 && r[1] == "TRUE");
        Assert.Equal("Rates rose in 2026", resolution[3]);
        Assert.Contains("%", shown.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_WithoutAKey_IsUnauthenticated()
    {
        var result = await platform.RunAsync("resolve", "prd_0123456789abcdef0123456789abcdef", "--outcome", "true");

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("hint: set --api-key or PLATFORM_API_KEY", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportResolutions_Csv_ReportsTheBadLinesByNumber_AndAppliesTheGoodOne()
    {
        var id = await IngestAndFindForecastAsync(Articles.Trade());
        var folder = Articles.Folder();
        var csv = Articles.Write(folder, "resolutions.csv",
            "id,outcome,fraction,note,evidence_url,resolved\r\n" +
            $"{id},true,,\"Signed in Tokyo, \"\"in full\"\"\",https://news.example/deal,2025-06-01\r\n" +
            $"{id},maybe,,,,\r\n" +
            "prd_0123456789abcdef0123456789abcdef,false,,,,\r\n");

        var result = await platform.RunAsync("import-resolutions", csv, "--api-key", RunningPlatform.ResolverKey);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("outcome", TableText.Row(result.Stdout, "3")[1], StringComparison.Ordinal);
        Assert.Contains("not found", TableText.Row(result.Stdout, "4")[1], StringComparison.Ordinal);
        Assert.Contains("1 accepted, 2 failed", result.Stdout, StringComparison.Ordinal);

        var shown = await platform.RunAsync("predictions", "show", id, "--json");
        using var prediction = JsonDocument.Parse(Assert.Single(shown.StdoutLines));
        var resolution = Assert.Single(prediction.RootElement.GetProperty("resolutions").EnumerateArray());
        Assert.Equal("TRUE", resolution.GetProperty("outcome").GetString());
        Assert.Equal("Signed in Tokyo, \"in full\"", resolution.GetProperty("note").GetString());
        Assert.StartsWith("2025-06-01", resolution.GetProperty("resolvedTime").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportResolutions_JsonLines_SendsTheReadableLines()
    {
        var id = await IngestAndFindForecastAsync(Articles.Energy());
        var folder = Articles.Folder();
        var file = Articles.Write(folder, "resolutions.jsonl",
            $"{{\"id\": \"{id}\", \"outcome\": \"partial\", \"fraction\": 0.5}}\n{{not json\n");

        var result = await platform.RunAsync("import-resolutions", file, "--json", "--api-key", RunningPlatform.ResolverKey);

        Assert.True(result.ExitCode == 1, result.ToString());
        using var report = JsonDocument.Parse(Assert.Single(result.StdoutLines));
        Assert.Equal(1, report.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(2, Assert.Single(report.RootElement.GetProperty("errors").EnumerateArray()).GetProperty("line").GetInt32());
    }

    /// <summary>Ingests the article, waits for its extraction and returns the id of its first forecast.</summary>
    private async Task<string> IngestAndFindForecastAsync(string article)
    {
        var file = Articles.Write(Articles.Folder(), "article.md", article);
        var ingest = await platform.RunAsync("ingest", file, "--wait", "--json", "--api-key", RunningPlatform.ContributorKey);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        string documentId;
        using (var line = JsonDocument.Parse(Assert.Single(ingest.StdoutLines)))
        {
            documentId = line.RootElement.GetProperty("documentId").GetString()!;
        }

        var list = await platform.RunAsync("predictions", "list", "--document", documentId, "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        using var first = JsonDocument.Parse(list.StdoutLines[0]);
        return first.RootElement.GetProperty("id").GetString()!;
    }
}
