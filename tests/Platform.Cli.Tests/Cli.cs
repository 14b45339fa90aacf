using System.Diagnostics;

namespace Platform.Cli.Tests;

/// <summary>What one run of <c>platform</c> did.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs the CLI's build output (artifacts/bin/Platform.Cli/&lt;config&gt;/platform.dll: the assembly is named after the
/// command, not the project, so BuildArtifacts.AssemblyPath does not find it) with stdout and stderr kept apart.
/// </summary>
public static class Cli
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static string AssemblyPath()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(own.Parent!.Parent!.FullName, "Platform.Cli", own.Name, "platform.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("The CLI's build output is missing; build tests/Platform.Cli.Tests.", path);
    }

    public static async Task<CliResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(AssemblyPath());
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // A developer's own settings must not leak into the runs.
        info.Environment.Remove("PLATFORM_GATEWAY");
        info.Environment.Remove("PLATFORM_API_KEY");
        info.Environment.Remove("PLATFORM_DATA_DIR");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"platform {string.Join(' ', arguments)} did not finish within {Limit}:\n{await stdout}\n{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
