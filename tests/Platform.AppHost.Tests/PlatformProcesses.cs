using Platform.Testing;

namespace Platform.AppHost.Tests;

/// <summary>
/// The processes of one local platform, found the way an operator would: every service the app host starts gets its data
/// folder as PLATFORM_DATA_DIR, and redis-server runs in a folder inside it (it rewrites its own command line, so its
/// <c>--dir</c> does not show there). Read from /proc.
/// </summary>
internal static class PlatformProcesses
{
    public sealed record Found(int Pid, string CommandLine, IReadOnlyDictionary<string, string> Environment)
    {
        public override string ToString() => $"{Pid}: {CommandLine}";
    }

    /// <summary>Running processes whose environment has PLATFORM_DATA_DIR=<paramref name="dataDirectory"/>, whose
    /// command line names the folder, or whose working directory is in it.</summary>
    public static IReadOnlyList<Found> Of(string dataDirectory)
    {
        var found = new List<Found>();
        foreach (var pid in ProcFs.ProcessIds().Where(pid => pid != Environment.ProcessId))
        {
            if (ProcFs.Stat(pid) is not { HasEnded: false } || ProcFs.CommandLine(pid) is not { } commandLine || ProcFs.Environment(pid) is not { } variables)
            {
                continue;
            }

            var arguments = commandLine.Trim();
            if (variables.GetValueOrDefault("PLATFORM_DATA_DIR") == dataDirectory || arguments.Contains(dataDirectory, StringComparison.Ordinal)
                || IsWithin(ProcFs.WorkingDirectory(pid), dataDirectory))
            {
                found.Add(new Found(pid, arguments, variables));
            }
        }

        return found;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the platform's processes to be gone; returns those left.</summary>
    public static async Task<IReadOnlyList<Found>> WaitUntilGoneAsync(string dataDirectory, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = Of(dataDirectory);
            if (left.Count == 0 || DateTime.UtcNow > deadline)
            {
                return left;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Whether process <paramref name="pid"/> is still running (a zombie has ended; only its entry is left).</summary>
    public static bool IsRunning(int pid) => ProcFs.Stat(pid) is { HasEnded: false };

    private static bool IsWithin(string? path, string folder) =>
        path is not null && (path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal));
}
