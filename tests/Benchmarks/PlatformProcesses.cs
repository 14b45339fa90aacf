using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>One process of the platform as read from /proc: its group (what it is, e.g. "dcp-monitors", "entities") and VmRSS.</summary>
internal sealed record PlatformProcess(int Pid, int ParentPid, string Group, double ResidentMegabytes, string CommandLine, long CpuTicks);

/// <summary>
/// Every process of one Aspire app-host run, found in /proc: the app host and its descendants, and — since DCP's API
/// server detaches and is reparented to PID 1 — every process whose command line holds the run's kubeconfig folder
/// (dcp start-apiserver, dcp run-controllers) or names the app host with <c>--monitor &lt;pid&gt;</c>, whose environment
/// holds <c>PLATFORM_DATA_DIR=&lt;the run's data folder&gt;</c> (the services and their <c>dotnet run</c> wrappers), or
/// that was seen in an earlier scan (same PID and start time), with all their descendants (the monitors, the
/// dashboard, redis-server).
/// </summary>
internal sealed partial class PlatformProcesses(int appHostPid, string? kubeconfigFolder, string dataFolder)
{
    /// <summary>The groups in the order they are printed; any other process is grouped by its name.</summary>
    public static readonly string[] GroupOrder =
    [
        "apphost", "dcp-apiserver", "dcp-controllers", "dcp-monitors", "dashboard",
        "run-entities", "run-predictions", "run-documents", "run-gateway",
        "entities", "predictions", "documents", "gateway", "redis",
    ];

    public static readonly string[] Services = ["entities", "predictions", "documents", "gateway"];

    private readonly Dictionary<int, long> _seen = [];

    /// <summary>The platform's live processes now (zombies left out).</summary>
    public IReadOnlyList<PlatformProcess> Scan()
    {
        var all = new Dictionary<int, Entry>();
        foreach (var pid in ProcFs.ProcessIds())
        {
            if (Read(pid) is { } entry)
            {
                all[pid] = entry;
            }
        }

        var found = all.Values.Where(IsSeed).Select(e => e.Pid).ToHashSet();
        var queue = new Queue<int>(found);
        var children = all.Values.ToLookup(e => e.ParentPid, e => e.Pid);
        while (queue.TryDequeue(out var pid))
        {
            foreach (var child in children[pid].Where(found.Add))
            {
                queue.Enqueue(child);
            }
        }

        var result = new List<PlatformProcess>();
        foreach (var entry in found.Select(pid => all[pid]))
        {
            _seen[entry.Pid] = entry.StartTime;
            result.Add(new PlatformProcess(entry.Pid, entry.ParentPid, Classify(entry), entry.ResidentKilobytes / 1024.0, string.Join(' ', entry.Arguments), entry.CpuTicks));
        }

        return result;
    }

    /// <summary>SIGKILL to each process that is still the one <see cref="Scan"/> found (same start time).</summary>
    public void Kill(IEnumerable<PlatformProcess> processes)
    {
        foreach (var process in processes)
        {
            if (Read(process.Pid) is { } entry && _seen.TryGetValue(process.Pid, out var start) && start == entry.StartTime)
            {
                try
                {
                    using var handle = System.Diagnostics.Process.GetProcessById(process.Pid);
                    handle.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Gone meanwhile.
                }
            }
        }
    }

    /// <summary>MB by group, in <see cref="GroupOrder"/> then by name, with the number of processes in each.</summary>
    public static List<(string Group, int Count, double Megabytes)> ByGroup(IEnumerable<PlatformProcess> processes) =>
        processes.GroupBy(p => p.Group)
            .Select(g => (Group: g.Key, Count: g.Count(), Megabytes: g.Sum(p => p.ResidentMegabytes)))
            .OrderBy(g => Array.IndexOf(GroupOrder, g.Group) is var i and >= 0 ? i : GroupOrder.Length)
            .ThenBy(g => g.Group, StringComparer.Ordinal)
            .ToList();

    private bool IsSeed(Entry entry)
    {
        if (entry.Pid == appHostPid || (_seen.TryGetValue(entry.Pid, out var start) && start == entry.StartTime))
        {
            return true;
        }

        var arguments = entry.Arguments;
        if (kubeconfigFolder is not null && arguments.Any(a => a.Contains(kubeconfigFolder, StringComparison.Ordinal)))
        {
            return true;
        }

        var host = appHostPid.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i + 1 < arguments.Length; i++)
        {
            if (arguments[i] == "--monitor" && arguments[i + 1] == host)
            {
                return true;
            }
        }

        return ProcFs.Environment(entry.Pid)?.GetValueOrDefault("PLATFORM_DATA_DIR") == dataFolder;
    }

    private string Classify(Entry entry)
    {
        var arguments = entry.Arguments;
        var program = arguments.Length > 0 ? Path.GetFileName(arguments[0]) : entry.Name;
        if (entry.Pid == appHostPid)
        {
            return "apphost";
        }

        if (program == "dcp" && arguments.Length > 1)
        {
            return arguments[1] switch
            {
                "start-apiserver" => "dcp-apiserver",
                "run-controllers" => "dcp-controllers",
                "monitor-process" => "dcp-monitors",
                var other => "dcp-" + other,
            };
        }

        if (program.StartsWith("Aspire.Dashboard", StringComparison.Ordinal) || arguments.Any(a => a.EndsWith("Aspire.Dashboard.dll", StringComparison.Ordinal)))
        {
            return "dashboard";
        }

        if (program == "dotnet" && arguments.Length > 1 && arguments[1] == "run"
            && arguments.Select(a => ProjectFile().Match(a)).FirstOrDefault(m => m.Success) is { } project)
        {
            return "run-" + project.Groups[1].Value.ToLowerInvariant();
        }

        if (ServiceProgram().Match(program) is { Success: true } service)
        {
            return service.Groups[1].Value.ToLowerInvariant();
        }

        if (arguments.Select(a => ServiceAssembly().Match(a)).FirstOrDefault(m => m.Success) is { } assembly)
        {
            return assembly.Groups[1].Value.ToLowerInvariant();
        }

        return entry.Name == "redis-server" ? "redis" : entry.Name;
    }

    /// <summary>A live process with memory of its own (not a zombie, not a kernel thread), or null.</summary>
    private static Entry? Read(int pid) =>
        ProcFs.Stat(pid) is { HasEnded: false } stat && ProcFs.ResidentKilobytes(pid) is { } rss && ProcFs.Arguments(pid) is { } arguments
            ? new Entry(pid, stat.Parent, stat.StartTime, stat.Name, arguments, rss, stat.CpuTicks)
            : null;

    [GeneratedRegex(@"Platform\.(\w+)\.csproj$")]
    private static partial Regex ProjectFile();

    [GeneratedRegex(@"^Platform\.(Entities|Predictions|Documents|Gateway)$")]
    private static partial Regex ServiceProgram();

    [GeneratedRegex(@"Platform\.(Entities|Predictions|Documents|Gateway)\.dll$")]
    private static partial Regex ServiceAssembly();

    private sealed record Entry(int Pid, int ParentPid, long StartTime, string Name, string[] Arguments, long ResidentKilobytes, long CpuTicks);
}
