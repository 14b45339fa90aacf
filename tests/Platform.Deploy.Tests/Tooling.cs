using System.ComponentModel;
using System.Diagnostics;

namespace Platform.Deploy.Tests;

/// <summary>What a finished child process left: its exit code and its whole output.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>The repository's folders and the external programs the tests drive (kubectl, node, npm).</summary>
internal static class Tooling
{
    /// <summary>The repository root: the folder above the test's output that holds Platform.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string DeployFolder => Path.Combine(RepositoryRoot, "deploy", "k8s");

    /// <summary>The kubectl to render with: $KUBECTL if set (e.g. another version to check compatibility; 1.21 or newer), else the one on PATH.</summary>
    public static string Kubectl =>
        Environment.GetEnvironmentVariable("KUBECTL") is { Length: > 0 } kubectl ? kubectl : "kubectl";

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs a program to its end, feeding it <paramref name="input"/> on stdin; kills it after the timeout.</summary>
    public static async Task<ToolResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        string? input = null,
        TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Cannot run {fileName}: {e.Message}. Install it with deploy/prerequisites.sh (kubectl, node and npm).", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                if (input is not null)
                {
                    await process.StandardInput.WriteAsync(input);
                }

                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The program exited without reading all of its input; its exit code and stderr tell why.
            }

            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not finish in time.\n{await stderr}");
            }

            return new ToolResult(process.ExitCode, await stdout, await stderr);
        }
    }
}
