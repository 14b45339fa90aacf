namespace Platform.Redis.Internal;

/// <summary>
/// Reconnect delays: from 100 ms, doubling up to the configured maximum, each waited with jitter (50-100 %)
/// so that many clients losing one server do not all come back at the same instant.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan max)
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(100);
    private TimeSpan _next = Initial;

    public void Reset() => _next = Initial;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var delay = _next * (0.5 + Random.Shared.NextDouble() / 2);
        _next = _next * 2 < max ? _next * 2 : max;
        await Task.Delay(delay, cancellationToken);
    }
}
