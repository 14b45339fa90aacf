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
                if (watch.AwaitingRunning)
                {
                    watch.AwaitingRunning = false;
                    Console.WriteLine($"{name} is running again.");
                }
            }

            var died = IsTerminal(state) && previous is not null && previous != KnownResourceStates.Stopping && !IsTerminal(previous);
            if (!died || watch.Restarting || lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return;
            }

            // A run that lasted a minute starts the delays again from 1 s; a crash loop (or a failed start) doubles them.
            watch.Failures = watch.RunningSince is { } since && DateTime.UtcNow - since >= StableAfter ? 1 : watch.Failures + 1;
            watch.RunningSince = null;
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
                lock (watch)
                {
                    // Started again meanwhile (from the dashboard, say): nothing left to do.
                    if (!IsTerminal(watch.State))
                    {
                        return;
                    }

                    watch.AwaitingRunning = true; // before the command: its "running" may arrive before it returns
                }

                var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, stoppingToken);
                if (result.Success)
                {
                    return;
                }

                lock (watch)
                {
                    watch.AwaitingRunning = false;
                }

                delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
                Console.Error.WriteLine($"Could not restart {name} ({result.Message ?? "no reason given"}); trying again in {delay.TotalSeconds:0} s.");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or OperationCanceledException)
        {
            Console.Error.WriteLine($"Could not restart {name}: {e.Message}");
        }
        finally
        {
            // Whatever happened, the next death of this process is seen and handled again.
            lock (watch)
            {
                watch.Restarting = false;
            }
        }
    }

    private static bool IsTerminal(string? state) => state is not null && KnownResourceStates.TerminalStates.Contains(state);

    /// <summary>What the supervisor last saw of one process. Guarded by locking the instance.</summary>
    private sealed class Watch
    {
        public string? State { get; set; }

        public DateTime? RunningSince { get; set; }

        public int Failures { get; set; }

        /// <summary>A restart is scheduled or under way.</summary>
        public bool Restarting { get; set; }

        /// <summary>Started again; "is running again" is said when it runs.</summary>
        public bool AwaitingRunning { get; set; }
    }
}
