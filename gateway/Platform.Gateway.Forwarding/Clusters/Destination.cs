namespace Platform.Gateway.Forwarding.Clusters;

/// <summary>
/// One backend address and what the gateway knows of its health: the last active probe, a passive ejection
/// after consecutive failures, and the number of calls in flight (for power-of-two-choices).
/// State survives a configuration reload as long as the address stays.
/// </summary>
public sealed class Destination
{
    private int _inFlight;
    private int _consecutiveFailures;
    private long _ejectedUntil;
    private volatile bool _probeHealthy = true;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);

    public Destination(string name, Uri address)
    {
        Name = name;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The last active health probe said SERVING (true until a probe says otherwise).</summary>
    public bool ProbeHealthy => _probeHealthy;

    public bool IsEjected(long nowTicks) => nowTicks < Interlocked.Read(ref _ejectedUntil);

    public bool IsAvailable(long nowTicks) => _probeHealthy && !IsEjected(nowTicks);

    /// <summary>Records a probe result; returns true when the state changed (worth a log line).</summary>
    public bool SetProbeResult(bool healthy)
    {
        var changed = _probeHealthy != healthy;
        _probeHealthy = healthy;
        if (healthy)
        {
            // A destination that answers its probe again gets a clean slate.
            Interlocked.Exchange(ref _consecutiveFailures, 0);
        }

        return changed;
    }

    public void CallStarted() => Interlocked.Increment(ref _inFlight);

    public void CallEnded() => Interlocked.Decrement(ref _inFlight);

    public void ReportSuccess() => Interlocked.Exchange(ref _consecutiveFailures, 0);

    /// <summary>Counts a failure; returns true when this failure ejected the destination.</summary>
    public bool ReportFailure(long nowTicks, int threshold, TimeSpan ejection)
    {
        if (Interlocked.Increment(ref _consecutiveFailures) < threshold)
        {
            return false;
        }

        Interlocked.Exchange(ref _consecutiveFailures, 0);
        Interlocked.Exchange(ref _ejectedUntil, nowTicks + ejection.Ticks);
        return true;
    }

    /// <summary>
    /// The absolute URI of a path on this destination. gRPC paths repeat (one per method), and parsing a Uri
    /// on every call is a measurable part of forwarding one, so they are kept — up to a bound, since REST
    /// paths carry ids and would grow the cache without end.
    /// </summary>
    public Uri UriFor(string pathAndQuery)
    {
        if (_uris.TryGetValue(pathAndQuery, out var uri))
        {
            return uri;
        }

        uri = new Uri(Address, pathAndQuery);
        if (_uris.Count < 256)
        {
            _uris.TryAdd(pathAndQuery, uri);
        }

        return uri;
    }

    public override string ToString() => $"{Name} ({Address})";
}
