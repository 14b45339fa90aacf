using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace Platform.AppHost;

/// <summary>
/// Restarts a platform process that dies while the host runs — a service, the gateway or the local redis-server —
/// with a growing delay (1 s, 2 s, 4 s … 30 s), and says so on the console; the others keep serving meanwhile
/// (the services fall back to their in-process cache without redis, and the document service's hand-offs retry).
/// Aspire (DCP) reports each process's state but never restarts one by itself. A process stopped on purpose (the
/// dashboard's Stop, which passes through "Stopping") or any exit while the host itself stops is left alone. The
/// delay returns to 1 s once a process has stayed up for a minute, so a crash loop backs off but a rare crash does not.
/// </summary>
internal sealed class ResourceSupervisor(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    IReadOnlySet<string> supervised) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Watch> _watches = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                var name = change.Resource.Name;
                if (supervised.Contains(name))
                {
                    Observe(change.Resource, name, change.Snapshot, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Observe(IResource resource, string name, CustomResourceSnapshot snapshot, CancellationToken stoppingToken)
    {
        var watch = _watches.GetOrAdd(name, _ => new Watch());
        var state = snapshot.State?.Text;
        lock (watch)
        {
            var previous = watch.State;
            watch.State = state;
            if (state == KnownResourceStates.Running && previous != KnownResourceStates.Running)
            {
                watch.RunningSince = DateTime.UtcNow;
                if (watch.Restarting)
                {
                    watch.Restarting = false;
                    Console.WriteLine($"{name} is running again.");
                }
            }

            var died = state is not null && KnownResourceStates.TerminalStates.Contains(state)
                && previous is not null && previous != KnownResourceStates.Stopping && !KnownResourceStates.TerminalStates.Contains(previous);
            if (!died || watch.Restarting || lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return;
            }

            watch.Failures = watch.RunningSince is { } since && DateTime.UtcNow - since >= StableAfter ? 1 : watch.Failures + 1;
            watch.Restarting = true;
            var delay = TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, watch.Failures - 1)));
            var code = snapshot.ExitCode is { } exit ? exit.ToString(CultureInfo.InvariantCulture) : "unknown";
            Console.WriteLine($"{name} exited unexpectedly (exit code {code}); restarting it in {delay.TotalSeconds:0} s " +
                $"(restart {watch.Failures} in a row); the rest of the platform keeps running.");
            _ = RestartAsync(resource, name, watch, delay, stoppingToken);
        }
    }

    private async Task RestartAsync(IResource resource, string name, Watch watch, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(delay, stoppingToken);
                var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, stoppingToken);
                if (result.Success)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
                Console.Error.WriteLine($"Could not restart {name} ({result.Message ?? "no reason given"}); " +
                    $"trying again in {delay.TotalSeconds:0} s.");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>What the supervisor last saw of one process. Guarded by locking the instance.</summary>
    private sealed class Watch
    {
        public string? State { get; set; }

        public DateTime? RunningSince { get; set; }

        public int Failures { get; set; }

        public bool Restarting { get; set; }
    }
}
