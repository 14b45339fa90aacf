namespace Platform.Cli.Tests;

/// <summary>What happens before or without a reachable platform: usage errors and an unreachable gateway.</summary>
public sealed class UsageTests
{
    [Fact]
    public async Task AnUnreachableGateway_ExitsWith3_NamingTheAddress()
    {
        var result = await Cli.RunAsync(["documents", "list", "--gateway", "http://127.0.0.1:1"]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("http://127.0.0.1:1/", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_ToAnUnreachableGateway_ExitsWith3()
    {
        var file = Articles.Write(Articles.Folder(), "rates.md", Articles.Rates());

        var result = await Cli.RunAsync(["ingest", file], new Dictionary<string, string> { ["PLATFORM_GATEWAY"] = "http://127.0.0.1:1" });

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("http://127.0.0.1:1/", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("documents", "list", "--no-such-option")]
    [InlineData("resolve", "prd_0123456789abcdef0123456789abcdef", "--outcome", "maybe")]
    [InlineData("resolve", "prd_0123456789abcdef0123456789abcdef", "--outcome", "partial", "--fraction", "1.5")]
    [InlineData("due", "--as-of", "next week")]
    [InlineData("scoreboard", "--group", "planet")]
    [InlineData("ingest")]
    [InlineData("import-resolutions", "resolutions.txt")]
    [InlineData("documents", "list", "--gateway", "ftp://example.org")]
    [InlineData("no-such-command")]
    public async Task UsageErrors_ExitWith2(params string[] arguments)
    {
        var result = await Cli.RunAsync(arguments);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_DocumentsTheExitCodes()
    {
        var result = await Cli.RunAsync(["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Exit codes: 0 success", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("4 UNAUTHENTICATED or PERMISSION_DENIED", result.Stdout, StringComparison.Ordinal);
    }
}
