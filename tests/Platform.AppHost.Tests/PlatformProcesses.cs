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
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            var commandLine = Read(folder, "cmdline");
            var environment = Read(folder, "environ");
            if (commandLine is null || environment is null || IsZombie(folder))
            {
                continue;
            }

            var variables = environment.Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => v.Split('=', 2))
                .Where(kv => kv.Length == 2)
                .GroupBy(kv => kv[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
            var arguments = commandLine.Replace('\0', ' ').Trim();
            if (variables.GetValueOrDefault("PLATFORM_DATA_DIR") == dataDirectory || arguments.Contains(dataDirectory, StringComparison.Ordinal)
                || IsWithin(WorkingDirectory(folder), dataDirectory))
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
    public static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}") && !IsZombie($"/proc/{pid}");

    private static string? WorkingDirectory(string folder)
    {
        try
        {
            return new DirectoryInfo(Path.Combine(folder, "cwd")).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsWithin(string? path, string folder) =>
        path is not null && (path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal));

    private static bool IsZombie(string folder)
    {
        var stat = Read(folder, "stat");
        // "pid (comm) S ...": the state follows the last ')'.
        return stat is null || stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
    }

    private static string? Read(string folder, string file)
    {
        try
        {
            return File.ReadAllText(Path.Combine(folder, file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended while we looked, or is not ours to read.
            return null;
        }
    }
}
