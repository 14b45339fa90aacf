using System.Collections.Immutable;
using Platform.Gateway.Forwarding.Configuration;

namespace Platform.Gateway.Forwarding.Clusters;

/// <summary>A named set of destinations that serve the same backend, and how to choose among them.</summary>
public sealed class Cluster
{
    private ImmutableArray<Destination> _destinations;
    private int _roundRobin;

    public Cluster(string name, ClusterOptions options, ImmutableArray<Destination> destinations)
    {
        Name = name;
        Options = options;
        _destinations = destinations;
    }

    public string Name { get; }

    public ClusterOptions Options { get; }

    public ImmutableArray<Destination> Destinations => _destinations;

    /// <summary>Swaps in a new set (DNS discovery); calls in flight keep the destination they had.</summary>
    internal void ReplaceDestinations(ImmutableArray<Destination> destinations) => _destinations = destinations;

    /// <summary>
    /// Chooses an available destination not in <paramref name="tried"/> (any untried one when none is
    /// available), or null when every destination has been tried.
    /// Power of two choices: two at random, the one with fewer calls in flight — nearly as good as
    /// least-loaded without scanning, and no herd onto one "best" replica.
    /// </summary>
    public Destination? Choose(long nowTicks, IReadOnlyCollection<Destination>? tried = null)
    {
        var all = _destinations;
        Span<int> candidates = all.Length <= 64 ? stackalloc int[all.Length] : new int[all.Length];
        var count = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].IsAvailable(nowTicks) && (tried is null || !tried.Contains(all[i])))
            {
                candidates[count++] = i;
            }
        }

        if (count == 0)
        {
            // Panic mode: when health says nothing is available, try the untried destinations anyway — a
            // probe can be wrong or late (every backend just started), and a refused connection fails fast.
            for (var i = 0; i < all.Length; i++)
            {
                if (tried is null || !tried.Contains(all[i]))
                {
                    candidates[count++] = i;
                }
            }

            if (count == 0)
            {
                return null;
            }
        }

        if (count == 1)
        {
            return all[candidates[0]];
        }

        if (Options.LoadBalancing == LoadBalancingPolicy.RoundRobin)
        {
            var next = (uint)Interlocked.Increment(ref _roundRobin);
            return all[candidates[(int)(next % (uint)count)]];
        }

        var first = Random.Shared.Next(count);
        var second = Random.Shared.Next(count - 1);
        if (second >= first)
        {
            second++;
        }

        var a = all[candidates[first]];
        var b = all[candidates[second]];
        return b.InFlight < a.InFlight ? b : a;
    }
}
