using System.Net;
using System.Text;
using System.Text.Json;
using Platform.Testing;

namespace Platform.Cli.Tests;

[Collection(RunningPlatformGroup.Name)]
public sealed class IngestTests(RunningPlatform platform)
{
    [Fact]
    public async Task Ingest_Folder_ListsEachArticleAsNew_AndAsAlreadyStoredWhenRunAgain()
    {
        var folder = Articles.Folder();
        Articles.Write(folder, "rates.md", Articles.Rates());
        Articles.Write(folder, "trade.markdown", Articles.Trade());
        var energy = Articles.Write(folder, Path.Combine("winter", "energy.txt"), Articles.Energy());
        Articles.Write(folder, "notes.json", "{}"); // not an article extension: left out of a folder

        var first = await platform.RunAsync("ingest", folder, "--api-key", RunningPlatform.ContributorKey);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("3 new, 0 already stored, 0 failed", first.Stdout, StringComparison.Ordinal);
        foreach (var name in new[] { "rates.md", "trade.markdown", energy })
        {
            var row = TableText.Rows(first.Stdout).Single(r => r[0].EndsWith(Path.GetFileName(name), StringComparison.Ordinal));
            Assert.Equal("new", row[1]);
            Assert.StartsWith("doc_", row[2], StringComparison.Ordinal);
        }

        Assert.DoesNotContain("notes.json", first.Stdout, StringComparison.Ordinal);

        var again = await platform.RunAsync("ingest", folder, "--api-key", RunningPlatform.ContributorKey);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("0 new, 3 already stored, 0 failed", again.Stdout, StringComparison.Ordinal);
        Assert.All(TableText.Rows(again.Stdout).Skip(1), row => Assert.Equal("already stored", row[1]));
    }

    [Fact]
    public async Task Ingest_EmptyFile_FailsAlone_NamingTheContent()
    {
        var folder = Articles.Folder();
        Articles.Write(folder, "empty.md", "");
        Articles.Write(folder, "rates.md", Articles.Rates());

        var result = await platform.RunAsync("ingest", folder, Path.Combine(folder, "missing.md"), "--api-key", RunningPlatform.ContributorKey);

        Assert.True(result.ExitCode == 1, result.ToString());
        var empty = TableText.Row(result.Stdout, Path.Combine(folder, "empty.md"));
        Assert.Equal("failed", empty[1]);
        Assert.Contains("INVALID_ARGUMENT", empty[3], StringComparison.Ordinal);
        Assert.Contains("content", empty[3], StringComparison.Ordinal);
        Assert.Contains("no such file", TableText.Row(result.Stdout, Path.Combine(folder, "missing.md"))[3], StringComparison.Ordinal);
        Assert.Equal("new", TableText.Row(result.Stdout, Path.Combine(folder, "rates.md"))[1]);
        Assert.Contains("1 new, 0 already stored, 2 failed", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_Wait_ShowsTheForecastsFound()
    {
        var folder = Articles.Folder();
        var file = Articles.Write(folder, "rates.md", Articles.Rates());

        var json = await platform.RunAsync("ingest", file, "--wait", "--json", "--api-key", RunningPlatform.ContributorKey);

        Assert.True(json.ExitCode == 0, json.ToString());
        using (var line = JsonDocument.Parse(Assert.Single(json.StdoutLines)))
        {
            Assert.Equal("new", line.RootElement.GetProperty("result").GetString());
            Assert.True(line.RootElement.GetProperty("forecasts").GetInt32() >= 1, json.Stdout);
        }

        var table = await platform.RunAsync("ingest", file, "--wait", "--api-key", RunningPlatform.ContributorKey);

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Equal(["File / URL", "Result", "Document", "Forecasts", "Error"], TableText.Rows(table.Stdout)[0]);
        var row = TableText.Row(table.Stdout, file);
        Assert.Equal("already stored", row[1]);
        Assert.True(int.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture) >= 1, table.Stdout);
    }

    [Fact]
    public async Task Ingest_Urls_FetchesPages_AndReportsOneThatAnswered404()
    {
        var port = FreePort.Next();
        using var site = new HttpListener();
        site.Prefixes.Add($"http://127.0.0.1:{port}/");
        site.Start();
        var page = $"<html><head><title>Grain harvest</title></head><body><h1>Grain harvest</h1><p>By Ana Silva</p>" +
                   $"<p>Wheat exports from Ukraine will probably recover by the end of 2027. Reference {Random.Shared.Next()}.</p></body></html>";
        var serving = ServeAsync(site, page);
        var folder = Articles.Folder();
        var list = Articles.Write(folder, "urls.txt", $"# pages to read\nhttp://127.0.0.1:{port}/grain.html\n\nhttp://127.0.0.1:{port}/gone.html\n");

        var result = await platform.RunAsync("ingest", "--urls", list, "--api-key", RunningPlatform.ContributorKey);

        site.Stop();
        await serving;
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("new", TableText.Row(result.Stdout, $"http://127.0.0.1:{port}/grain.html")[1]);
        var gone = TableText.Row(result.Stdout, $"http://127.0.0.1:{port}/gone.html");
        Assert.Equal("failed", gone[1]);
        Assert.Contains("404", gone[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_OfAnArticleWithoutAPublicationDate_SaysSo_AndOneWithADatelineTakesIt()
    {
        var folder = Articles.Folder();
        var undated = Articles.Write(folder, "undated.txt", $"Officials in Mosul said the bridge would reopen within two years. Report {Guid.NewGuid():N}.");
        var dated = Articles.Write(folder, "dated.txt", $"MOSUL, 3 November 2016 — Officials said the bridge would reopen within two years. Report {Guid.NewGuid():N}.");

        var first = await platform.RunAsync("ingest", undated, "--api-key", RunningPlatform.ContributorKey);
        var second = await platform.RunAsync("ingest", dated, "--json", "--api-key", RunningPlatform.ContributorKey);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("warning: undated.txt: published: no publication date was given, and none is stated in the text", first.Stderr.Replace(folder + "/", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("warnings", second.Stdout, StringComparison.Ordinal);
        var id = System.Text.Json.Nodes.JsonNode.Parse(second.StdoutLines[0])!["documentId"]!.GetValue<string>();
        var shown = await platform.RunAsync("documents", "show", id, "--json");
        Assert.Equal("2016-11-03T00:00:00Z", System.Text.Json.Nodes.JsonNode.Parse(shown.Stdout)!["publishedTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ingest_WithAReaderKey_IsDenied_WithTheHint()
    {
        var folder = Articles.Folder();
        Articles.Write(folder, "rates.md", Articles.Rates());

        var result = await platform.RunAsync("ingest", folder, "--api-key", RunningPlatform.ReaderKey);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("PERMISSION_DENIED", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("set --api-key or PLATFORM_API_KEY", result.Stderr, StringComparison.Ordinal);
    }

    private static async Task ServeAsync(HttpListener site, string page)
    {
        while (site.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await site.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var found = context.Request.Url!.AbsolutePath == "/grain.html";
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = "text/html; charset=utf-8";
            var body = Encoding.UTF8.GetBytes(found ? page : "<html><body>Not here</body></html>");
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
