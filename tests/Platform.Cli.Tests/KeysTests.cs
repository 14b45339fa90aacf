using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Cli.Tests;

/// <summary>
/// <c>platform keys</c> against a running gateway that reads the data folder's keys file, as the app host's does: a key
/// made for a role works at once with that role's rights, and not after it is revoked; the file never holds a key.
/// </summary>
[Collection(RunningPlatformGroup.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KeysTests(RunningPlatform platform)
{
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AReaderKey_ReadsButCannotIngest_UntilRevoked_AndOnlyItsHashIsStored()
    {
        var created = await platform.RunAsync("keys", "create", "--name", "newsroom-reader", "--role", "reader", "--data-dir", platform.DataDirectory, "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var key = JsonNode.Parse(created.Stdout)!["key"]!.GetValue<string>();

        var file = Path.Combine(platform.DataDirectory, "api-keys.json");
        var stored = await File.ReadAllTextAsync(file);
        Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), stored, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        // The running gateway takes the new key without a restart: reads work, ingest is refused for the role.
        await EventuallyAsync(async () => (await platform.RunAsync("documents", "list", "--api-key", key)).ExitCode == 0, "the new key was not accepted");
        var folder = Articles.Folder();
        Articles.Write(folder, "rates.md", Articles.Rates());
        var ingest = await platform.RunAsync("ingest", folder, "--api-key", key);
        Assert.True(ingest.ExitCode == 4, ingest.ToString());
        Assert.Contains("PERMISSION_DENIED", ingest.Stderr, StringComparison.Ordinal);

        var list = await platform.RunAsync("keys", "list", "--data-dir", platform.DataDirectory, "--json");
        var listed = list.StdoutLines.Select(l => JsonNode.Parse(l)!).Single(k => k["name"]!.GetValue<string>() == "newsroom-reader");
        Assert.Equal("reader", listed["roles"]!.GetValue<string>());
        Assert.DoesNotContain(key, list.Stdout, StringComparison.Ordinal);

        var revoked = await platform.RunAsync("keys", "revoke", "--name", "newsroom-reader", "--data-dir", platform.DataDirectory);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        await EventuallyAsync(async () => (await platform.RunAsync("documents", "list", "--api-key", key)).ExitCode == 4, "the revoked key was still accepted");
    }

    [Fact]
    public async Task AContributorKey_Ingests()
    {
        var created = await platform.RunAsync("keys", "create", "--name", "ingest-job", "--role", "contributor", "--data-dir", platform.DataDirectory, "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var key = JsonNode.Parse(created.Stdout)!["key"]!.GetValue<string>();
        var folder = Articles.Folder();
        Articles.Write(folder, "trade.md", Articles.Trade());

        await EventuallyAsync(async () => (await platform.RunAsync("ingest", folder, "--api-key", key)).ExitCode == 0, "the contributor key could not ingest");
    }

    [Theory]
    [InlineData("--name", "has space", "--role", "reader")]
    [InlineData("--name", "local", "--role", "admin")]
    [InlineData("--name", "LOCAL", "--role", "reader")]
    [InlineData("--name", "trailing_", "--role", "reader")]
    [InlineData("--name", "a__b", "--role", "reader")]
    [InlineData("--name", "boss", "--role", "superuser")]
    public async Task BadNamesAndRoles_AreUsageErrors_AndNothingIsWritten(params string[] arguments)
    {
        using var data = new TempDirectory();
        var result = await platform.RunAsync(["keys", "create", .. arguments, "--data-dir", data.Path]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.False(File.Exists(Path.Combine(data.Path, "api-keys.json")));
    }

    [Fact]
    public async Task ADuplicateName_OrRevokingAnUnknownOne_Fails_NamingIt()
    {
        using var data = new TempDirectory();
        Assert.Equal(0, (await platform.RunAsync("keys", "create", "--name", "twice", "--role", "reader", "--data-dir", data.Path)).ExitCode);

        var again = await platform.RunAsync("keys", "create", "--name", "Twice", "--role", "admin", "--data-dir", data.Path);
        var unknown = await platform.RunAsync("keys", "revoke", "--name", "never-made", "--data-dir", data.Path);

        Assert.True(again.ExitCode == 1 && again.Stderr.Contains("'Twice' exists already", StringComparison.Ordinal), again.ToString());
        Assert.True(unknown.ExitCode == 1 && unknown.Stderr.Contains("no key named 'never-made'", StringComparison.Ordinal), unknown.ToString());
    }

    [Fact]
    public async Task ForKubernetes_ThePatchOfTheGatewaysSecretIsPrinted_AndNoFileWritten()
    {
        using var data = new TempDirectory();
        var result = await platform.RunAsync("keys", "create", "--name", "scoreboard-site", "--role", "reader", "--kubernetes", "--json", "--data-dir", data.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var key = JsonNode.Parse(result.Stdout)!["key"]!.GetValue<string>();
        var patchLine = result.Stderr.Split('\n').Single(l => l.Contains("kubectl patch secret platform-api-keys", StringComparison.Ordinal));
        var patch = JsonNode.Parse(patchLine[(patchLine.IndexOf('\'', StringComparison.Ordinal) + 1)..patchLine.LastIndexOf('\'')])!["stringData"]!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), patch["Gateway__ApiKeys__scoreboard-site__Sha256"]!.GetValue<string>());
        Assert.Equal("reader", patch["Gateway__ApiKeys__scoreboard-site__Roles"]!.GetValue<string>());
        Assert.Contains("kubectl rollout restart deployment/gateway", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "api-keys.json")));
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + ReloadTimeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{failure} within {ReloadTimeout}");
            await Task.Delay(500);
        }
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("cli-keys-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
