using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Platform.Caching.Internal;

/// <summary>
/// Carries invalidations between replicas over Redis pub/sub, with confirmation: every replica that receives
/// one drops the entry from its L1 and answers on the sender's own ack channel; the sender waits until as many
/// replicas confirmed as PUBLISH reached. A replica whose subscription is down serves nothing from L1 (and
/// clears it when the subscription is back), so a read after a confirmed invalidation is never stale.
/// StackExchange.Redis resubscribes by itself after a reconnect; the bus trusts the subscription again only once a
/// probe it published to itself has come back through it.
/// </summary>
internal sealed class InvalidationBus(GuardedRedis redis, string prefix, CacheOptions options, ILogger logger) : IAsyncDisposable
{
    private const string ProbePrefix = "probe:";
    private readonly RedisChannel _channel = RedisChannel.Literal(prefix + ":invalidate");
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, PendingAck> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _probes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _generation;
    private volatile bool _active;

    /// <summary>An invalidation arrived (from any replica, this one included): drop it from L1.</summary>
    public event Action<char, string>? Received;

    /// <summary>The subscription was (re)established: entries may have missed invalidations meanwhile.</summary>
    public event Action? Resubscribed;

    /// <summary>True while invalidations are being received, i.e. while an L1 may be trusted.</summary>
    public bool IsActive => _active && redis.Connection.GetSubscriber().IsConnected(_channel);

    private ISubscriber Subscriber => redis.Connection.GetSubscriber();

    private RedisChannel AckChannel(string instance) => RedisChannel.Literal(prefix + ":ack:" + instance);

    public async Task StartAsync()
    {
        redis.Connection.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                Interlocked.Increment(ref _generation);
                _active = false;
            }
        };
        redis.Connection.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                _ = ConfirmSubscribedAsync();
            }
        };

        // Redis may not be up yet (the service starts anyway): keep trying until both channels are subscribed.
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Subscriber.SubscribeAsync(AckChannel(_instance), (_, message) => OnAck(message));
                await Subscriber.SubscribeAsync(_channel, (_, message) => OnInvalidation(message));
                break;
            }
            catch (RedisException e)
            {
                CacheLog.RedisOperationFailed(logger, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(500), _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await ConfirmSubscribedAsync();
    }

    /// <summary>Publishes "drop <paramref name="target"/>" and waits for every reached replica to confirm.</summary>
    public async Task PublishAsync(char kind, string target, CancellationToken cancellationToken)
    {
        var nonce = Guid.NewGuid().ToString("N");
        var pending = new PendingAck();
        _pending[nonce] = pending;
        try
        {
            var message = $"{_instance}|{nonce}|{kind}|{target}";
            var (ok, reached) = await redis.TryAsync(db => db.PublishAsync(_channel, message), cancellationToken);
            if (!ok || reached == 0)
            {
                return;
            }

            pending.Expect(reached);
            try
            {
                await pending.Completed.WaitAsync(options.InvalidationAckTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                CacheLog.InvalidationNotConfirmed(logger, target, pending.Count, reached);
            }
        }
        finally
        {
            _pending.TryRemove(nonce, out _);
        }
    }

    /// <summary>Until a probe comes back through the subscription: only then is L1 cleared and trusted again.</summary>
    private async Task ConfirmSubscribedAsync()
    {
        var generation = Volatile.Read(ref _generation);
        while (!_stopping.IsCancellationRequested && generation == Volatile.Read(ref _generation))
        {
            var nonce = ProbePrefix + Guid.NewGuid().ToString("N");
            var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _probes[nonce] = arrived;
            try
            {
                await redis.Connection.GetSubscriber().PublishAsync(AckChannel(_instance), nonce);
                await arrived.Task.WaitAsync(TimeSpan.FromSeconds(1), _stopping.Token);
                if (generation == Volatile.Read(ref _generation))
                {
                    Resubscribed?.Invoke();
                    _active = true;
                    CacheLog.BusSubscribed(logger);
                }

                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                _probes.TryRemove(nonce, out _);
            }
        }
    }

    private void OnInvalidation(RedisValue message)
    {
        var parts = ((string?)message ?? "").Split('|', 4);
        if (parts.Length != 4 || parts[2].Length != 1)
        {
            return;
        }

        Received?.Invoke(parts[2][0], parts[3]);
        _ = Subscriber.PublishAsync(AckChannel(parts[0]), parts[1], CommandFlags.FireAndForget);
    }

    private void OnAck(RedisValue message)
    {
        var text = (string?)message ?? "";
        if (text.StartsWith(ProbePrefix, StringComparison.Ordinal))
        {
            if (_probes.TryGetValue(text, out var probe))
            {
                probe.TrySetResult();
            }
        }
        else if (_pending.TryGetValue(text, out var pending))
        {
            pending.Confirm();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _active = false;
        try
        {
            await Subscriber.UnsubscribeAsync(_channel);
            await Subscriber.UnsubscribeAsync(AckChannel(_instance));
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            // Disconnected, or the connection is already closed: nothing to unsubscribe from.
        }

        _stopping.Dispose();
    }

    private sealed class PendingAck
    {
        private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;
        private long _expected = long.MaxValue;

        public Task Completed => _completed.Task;

        public int Count => Volatile.Read(ref _count);

        public void Expect(long expected)
        {
            Volatile.Write(ref _expected, expected);
            Check();
        }

        public void Confirm()
        {
            Interlocked.Increment(ref _count);
            Check();
        }

        private void Check()
        {
            if (Volatile.Read(ref _count) >= Volatile.Read(ref _expected))
            {
                _completed.TrySetResult();
            }
        }
    }
}
