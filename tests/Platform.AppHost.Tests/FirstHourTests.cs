using System.Diagnostics;
using System.Globalization;
using Platform.Testing;

namespace Platform.AppHost.Tests;

/// <summary>
/// The README's "first hour" commands, run as written by bash against a fresh platform started by the built app host:
/// the command line packed and restored as the repository's .NET tool (at the repository's root), then, in a folder of
/// the test's own, the sample scoreboard read, an article ingested with its forecast found, the forecast resolved, and
/// its author then on the scoreboard.
/// </summary>
public sealed class FirstHourTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task TheReadmesFirstHourCommands_WorkAsWritten()
    {
        var root = BuildArtifacts.RepositoryRoot();
        var script = FirstHourScript(await File.ReadAllTextAsync(Path.Combine(root, "README.md")));
        using var work = new TempFolder();

        // The platform as the README's first command starts it, with its data folder where the commands look (./.data).
        var port = FreePort.NextConsecutive(5);
        await using var host = ChildProcess.Start("dotnet", ["exec", BuildArtifacts.AssemblyPath("Platform.AppHost"),
            "--gateway-port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", Path.Combine(work.Path, ".data"), "--no-dashboard"]);
        await host.WaitForLineAsync(l => l == $"Platform ready: http://127.0.0.1:{port}", ReadyTimeout);

        // A tool restored before under the same version would be reused from the package cache: start from none.
        var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "platform.cli");
        if (Directory.Exists(cached))
        {
            Directory.Delete(cached, recursive: true);
        }

        // The tool is packed and restored at the repository's root, as written; the rest runs in a folder of the test's
        // own with the repository's tool manifest, so that ./.data and the article file are the test's, not the clone's.
        var lines = script.Split('\n');
        var restore = Array.FindIndex(lines, l => l.StartsWith("dotnet tool restore", StringComparison.Ordinal));
        Assert.True(restore > 0, "the first-hour block does not restore the tool");
        Directory.CreateDirectory(Path.Combine(work.Path, ".config"));
        File.Copy(Path.Combine(root, ".config", "dotnet-tools.json"), Path.Combine(work.Path, ".config", "dotnet-tools.json"));
        var environment = new Dictionary<string, string> { ["PLATFORM_GATEWAY"] = $"http://127.0.0.1:{port}" };
        var (setupCode, setup) = await RunBashAsync(string.Join('\n', lines[..(restore + 1)]), root, environment);
        Assert.True(setupCode == 0, $"packing or restoring the tool failed (exit {setupCode}):\n{setup}");
        var (exitCode, rest) = await RunBashAsync(string.Join('\n', lines[(restore + 1)..]), work.Path, environment);
        var output = setup + rest;

        Assert.True(exitCode == 0, $"the first-hour commands failed (exit {exitCode}):\n{output}");
        var steps = output.Split("\n+ ", StringSplitOptions.None); // bash -x marks each command with "+ "
        string After(string command) => steps.FirstOrDefault(s => s.StartsWith(command, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"'{command}' did not run:\n{output}");
        Assert.Contains("platform.cli", After("dotnet tool restore"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Nadia Castellanos", After("dotnet platform scoreboard"), StringComparison.Ordinal); // the sample's forecasters
        // The ingest summary line: the article new, and its one forecast found.
        Assert.Contains("1 new, 0 already stored, 0 failed, 1 forecasts", After("dotnet platform ingest harbour.md --wait"), StringComparison.Ordinal);
        Assert.Contains("prd_", After("ID=prd_"), StringComparison.Ordinal);
        var last = steps.Last(s => s.StartsWith("dotnet platform scoreboard", StringComparison.Ordinal));
        Assert.Contains("Ada Quill", last, StringComparison.Ordinal);
    }

    /// <summary>The shell block between the README's first-hour markers.</summary>
    private static string FirstHourScript(string readme)
    {
        var begin = readme.IndexOf("<!-- first-hour:begin -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- first-hour:end -->", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "the README has no first-hour block");
        var block = readme[begin..end];
        var code = block[(block.IndexOf("```sh\n", StringComparison.Ordinal) + 6)..block.LastIndexOf("```", StringComparison.Ordinal)];
        return code;
    }

    private static async Task<(int ExitCode, string Output)> RunBashAsync(string script, string workingDirectory, Dictionary<string, string> environment)
    {
        // One stream, so each command's trace line ("+ …") comes right before what it printed.
        var info = new ProcessStartInfo("bash", ["-e", "-x", "-c", "exec 2>&1\n" + script])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Remove("PLATFORM_API_KEY");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        var gate = new object();
        void Add(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    output.Append('\n').Append(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine(); // only what bash wrote before the exec
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the first-hour commands did not finish within {ScriptTimeout}:\n{output}");
        }

        process.WaitForExit();
        lock (gate)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
