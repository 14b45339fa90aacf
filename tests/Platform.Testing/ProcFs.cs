using System.Globalization;

namespace Platform.Testing;

/// <summary>One process's line of /proc/&lt;pid&gt;/stat: its name, state, parent, CPU ticks (own and reaped children's) and start time.</summary>
public sealed record ProcStat(int Pid, string Name, char State, int Parent, long CpuTicks, long StartTime)
{
    /// <summary>A zombie (Z) or dead (X) process has ended; only its entry is left.</summary>
    public bool HasEnded => State is 'Z' or 'X';
}

/// <summary>
/// Linux's /proc, read as the tests and benchmarks need it (processes of a platform, their memory and CPU). Every
/// reader returns null when the process ended while it was read, or is not ours to read.
/// </summary>
public static class ProcFs
{
    public static IEnumerable<int> ProcessIds() => Directory.EnumerateDirectories("/proc")
        .Select(folder => int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
        .Where(pid => pid > 0);

    /// <summary>proc(5) fields 3 (state), 4 (ppid), 14-17 (utime, stime, cutime, cstime) and 22 (starttime).</summary>
    public static ProcStat? Stat(int pid) => Read(pid, "stat") is { } stat ? Parse(pid, stat) : null;

    public static string[]? Arguments(int pid) => Read(pid, "cmdline")?.Split('\0', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The arguments joined by spaces, with one after the last (so "127.0.0.1:5000 " does not match port 50001).</summary>
    public static string? CommandLine(int pid) => Arguments(pid) is { } arguments ? string.Join(' ', arguments) + " " : null;

    public static IReadOnlyDictionary<string, string>? Environment(int pid) => Read(pid, "environ")?
        .Split('\0', StringSplitOptions.RemoveEmptyEntries)
        .Select(variable => variable.Split('=', 2))
        .Where(pair => pair.Length == 2)
        .GroupBy(pair => pair[0], StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.Ordinal);

    /// <summary>VmRSS in kB; null for a kernel thread too.</summary>
    public static long? ResidentKilobytes(int pid) => Read(pid, "status")?.Split('\n')
        .FirstOrDefault(line => line.StartsWith("VmRSS:", StringComparison.Ordinal)) is { } line
        && long.TryParse(line[6..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture, out var kilobytes)
            ? kilobytes
            : null;

    public static string? WorkingDirectory(int pid)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static ProcStat? Parse(int pid, string stat)
    {
        // The name is between the first '(' and the last ')' (it may hold either); the fields after it start at 3.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        if (open < 0 || fields.Length < 20)
        {
            return null;
        }

        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return new ProcStat(pid, stat[(open + 1)..close], fields[0][0], (int)Field(4), Field(14) + Field(15) + Field(16) + Field(17), Field(22));
    }

    private static string? Read(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
