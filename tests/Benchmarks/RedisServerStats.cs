using System.Globalization;
using StackExchange.Redis;

namespace Platform.Benchmarks;

/// <summary>
/// Server-side counters from INFO, to see what a run cost redis-server: CPU seconds (user + system), commands
/// processed, and socket reads (total_reads_processed, Redis 6+) — commands per read shows how well the
/// load was batched into each read.
/// </summary>
internal sealed record RedisServerStats(double CpuSeconds, long Commands, long Reads)
{
    public static async Task<RedisServerStats> ReadAsync(IServer server)
    {
        var fields = ((await server.InfoRawAsync()) ?? "")
            .Split('\n')
            .Select(line => line.Trim().Split(':'))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
        double Number(string name) => fields.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : double.NaN;
        return new RedisServerStats(Number("used_cpu_sys") + Number("used_cpu_user"), (long)Number("total_commands_processed"),
            fields.ContainsKey("total_reads_processed") ? (long)Number("total_reads_processed") : 0);
    }

    public static RedisServerStats operator -(RedisServerStats after, RedisServerStats before) =>
        new(after.CpuSeconds - before.CpuSeconds, after.Commands - before.Commands, after.Reads - before.Reads);

    public double CommandsPerRead => Reads > 0 ? Commands / (double)Reads : double.NaN;
}
