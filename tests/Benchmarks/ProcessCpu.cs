using System.Diagnostics;
using System.Globalization;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// CPU time used by a process and its descendants (nginx's master and worker), read from /proc/&lt;pid&gt;/stat:
/// utime + stime of every thread, plus cutime + cstime so a child that exits and is reaped between two readings
/// still counts. Read before a run and after it, and divide by the calls it completed.
/// </summary>
internal sealed class ProcessCpu(string name, int processId)
{
    private static readonly Lazy<double> Ticks = new(ReadTicksPerSecond);

    /// <summary>Clock ticks per second of /proc's CPU fields (CLK_TCK).</summary>
    public static double TicksPerSecond => Ticks.Value;

    public string Name { get; } = name;

    public int ProcessId { get; } = processId;

    /// <summary>CPU seconds the process tree has used so far.</summary>
    public double Seconds()
    {
        var parents = ParentsByProcess();
        var tree = new List<int> { ProcessId };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        }

        return tree.Sum(pid => ProcFs.Stat(pid)?.CpuTicks ?? 0) / TicksPerSecond;
    }

    /// <summary>
    /// This process's child whose command line holds every one of <paramref name="parts"/>: for a program
    /// started by a helper that does not expose its process id (the gateway, a service), told apart by its port.
    /// The arguments are joined by spaces, with one after the last, so "127.0.0.1:5000 " does not match port 50001.
    /// </summary>
    public static ProcessCpu FindChild(string name, params string[] parts)
    {
        var matches = ParentsByProcess()
            .Where(p => p.Value == Environment.ProcessId && ProcFs.CommandLine(p.Key) is { } commandLine && parts.All(commandLine.Contains))
            .Select(p => p.Key)
            .ToList();
        return matches.Count == 1
            ? new ProcessCpu(name, matches[0])
            : throw new InvalidOperationException($"Expected one child process with \"{string.Join("\", \"", parts)}\" for {name}, found {matches.Count}.");
    }

    private static Dictionary<int, int> ParentsByProcess() =>
        ProcFs.ProcessIds().Select(ProcFs.Stat).OfType<ProcStat>().ToDictionary(stat => stat.Pid, stat => stat.Parent);

    /// <summary>The kernel's clock ticks per second (USER_HZ, normally 100), as getconf CLK_TCK reports it.</summary>
    private static double ReadTicksPerSecond()
    {
        using var process = Process.Start(new ProcessStartInfo("getconf", ["CLK_TCK"]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("Cannot run getconf.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return double.TryParse(output.Trim(), CultureInfo.InvariantCulture, out var ticks) && ticks > 0 ? ticks : 100;
    }
}
