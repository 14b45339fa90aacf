using Platform.Testing;

namespace Platform.AppHost.Tests;

/// <summary>
/// The sample corpus is loaded on the first run only: a restart on the same data folder finds its documents, its
/// marker and its admin key as it left them, and loads nothing again.
/// </summary>
public sealed class SampleCorpusTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task FirstRun_LoadsTheSampleCorpus_AndARestartKeepsItWithoutLoadingAgain()
    {
        var articles = Directory.GetFiles(Path.Combine(BuildArtifacts.RepositoryRoot(), "deploy", "sample-corpus", "articles"), "*.md").Length;
        Assert.True(articles > 0, "the sample corpus has no articles");
        using var data = new TempFolder();
        var marker = Path.Combine(data.Path, "sample-corpus.loaded");
        var port = FreePort.NextConsecutive(5);

        string markerText, apiKey;
        DateTime markerTime;
        int documents;
        await using (var first = await HostedPlatform.StartAsync(data.Path, port))
        {
            await WaitUntilReadyAsync(first);
            Assert.Contains(ConsoleLines.Since(first.ConsoleMark), l => l.StartsWith("Loading the sample corpus", StringComparison.Ordinal));
            Assert.DoesNotContain(ConsoleLines.Since(first.ConsoleMark), l => l.Contains("could not be loaded", StringComparison.Ordinal));
            Assert.True(File.Exists(marker), "no marker after the first run");
            markerText = await File.ReadAllTextAsync(marker);
            markerTime = File.GetLastWriteTimeUtc(marker);
            apiKey = first.ApiKey;
            Assert.Contains($"API key: {apiKey}", ConsoleLines.Since(first.ConsoleMark));

            documents = await CountDocumentsAsync(first);
            Assert.Equal(articles, documents);
            // The resolved forecasts of the corpus give a scoreboard at once.
            var scoreboard = await first.GetJsonAsync("v1/scoreboard");
            Assert.NotEmpty(scoreboard["entries"]?.AsArray() ?? []);
        }

        // The same port: a user restarts where they were.
        await using var second = await HostedPlatform.StartAsync(data.Path, port);
        await WaitUntilReadyAsync(second);
        Assert.DoesNotContain(ConsoleLines.Since(second.ConsoleMark), l => l.StartsWith("Loading the sample corpus", StringComparison.Ordinal));
        Assert.Equal(markerText, await File.ReadAllTextAsync(marker));
        Assert.Equal(markerTime, File.GetLastWriteTimeUtc(marker));
        Assert.Equal(apiKey, second.ApiKey);
        Assert.Contains($"API key: {apiKey}", ConsoleLines.Since(second.ConsoleMark));
        Assert.Equal(documents, await CountDocumentsAsync(second));
    }

    /// <summary>The host prints this once the gateway is ready and the corpus (on a first run) is loaded.</summary>
    private static Task<string> WaitUntilReadyAsync(HostedPlatform platform) =>
        ConsoleLines.WaitForAsync(platform.ConsoleMark, l => l == $"Platform ready: http://127.0.0.1:{platform.GatewayPort}", ReadyTimeout);

    private static async Task<int> CountDocumentsAsync(HostedPlatform platform)
    {
        var page = await platform.GetJsonAsync("v1/documents?pageSize=100", platform.ApiKey);
        Assert.True(string.IsNullOrEmpty(page["nextPageToken"]?.GetValue<string>()), "more than one page of documents");
        return page["documents"]?.AsArray().Count ?? 0;
    }
}
