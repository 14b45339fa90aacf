namespace Platform.Caching.Internal;

/// <summary>
/// Opens after N consecutive failures: for the break duration every call is refused at once (no per-request
/// delay from a dead dependency); then one trial call decides whether it closes again.
/// </summary>
internal sealed class CircuitBreaker(int failuresToBreak, TimeSpan breakDuration, TimeProvider time)
{
    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;
    private bool _trialInProgress;

    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _failures >= failuresToBreak && (time.GetUtcNow() < _openUntil || _trialInProgress);
            }
        }
    }

    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_failures < failuresToBreak)
            {
                return true;
            }

            if (time.GetUtcNow() < _openUntil || _trialInProgress)
            {
                return false;
            }

            _trialInProgress = true;
            return true;
        }
    }

    public void OnSuccess()
    {
        lock (_gate)
        {
            _failures = 0;
            _trialInProgress = false;
        }
    }

    public void OnFailure()
    {
        lock (_gate)
        {
            _failures++;
            _trialInProgress = false;
            if (_failures >= failuresToBreak)
            {
                _openUntil = time.GetUtcNow() + breakDuration;
            }
        }
    }
}
