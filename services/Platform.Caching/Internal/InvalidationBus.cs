using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Platform.Redis;

namespace Platform.Caching.Internal;

/// <summary>
/// Carries invalidations between replicas over Redis pub/sub, with confirmation: every replica that receives
/// one drops the entry from its L1 and answers on the sender's own ack channel; the sender waits until as many
/// replicas confirmed as PUBLISH reached. A replica whose subscription is down serves nothing from L1 (and
/// clears it when the subscription returns), so a read after a confirmed invalidation is never stale.
/// </summary>
internal sealed class InvalidationBus(RedisSubscriber subscriber, GuardedRedis redis, string prefix, CacheOptions options, ILogger logger)
    : IAsyncDisposable
{
    private readonly string _channel = prefix + ":invalidate";
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, PendingAck> _pending = new(StringComparer.Ordinal);
    private int _activeConnection = -1;

    /// <summary>An invalidation arrived (from any replica, this one included): drop it from L1.</summary>
    public event Action<char, string>? Received;

    /// <summary>The subscription was (re)established: entries may have missed invalidations meanwhile.</summary>
    public event Action? Resubscribed;

    /// <summary>True while invalidations are being received, i.e. while an L1 may be trusted.</summary>
    public bool IsActive => subscriber.IsConnected && Volatile.Read(ref _activeConnection) == subscriber.ConnectionCount;

    private string AckChannel(string instance) => prefix + ":ack:" + instance;

    public async Task StartAsync()
    {
        subscriber.Subscribed += (_, _) =>
        {
            Resubscribed?.Invoke();
            Volatile.Write(ref _activeConnection, subscriber.ConnectionCount);
            CacheLog.BusSubscribed(logger);
        };
        await subscriber.SubscribeAsync(AckChannel(_instance), OnAck);
        await subscriber.SubscribeAsync(_channel, OnInvalidation);
        if (subscriber.IsConnected)
        {
            // Connected before the channels were known: the subscriptions above were confirmed just now.
            Resubscribed?.Invoke();
            Volatile.Write(ref _activeConnection, subscriber.ConnectionCount);
        }
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
            var (ok, reached) = await redis.TryAsync(c => c.PublishAsync(_channel, message), cancellationToken);
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

    private void OnInvalidation(string channel, byte[] payload)
    {
        var parts = Encoding.UTF8.GetString(payload).Split('|', 4);
        if (parts.Length != 4 || parts[2].Length != 1)
        {
            return;
        }

        Received?.Invoke(parts[2][0], parts[3]);
        _ = redis.Client.PublishAsync(AckChannel(parts[0]), parts[1]).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
    }

    private void OnAck(string channel, byte[] payload)
    {
        if (_pending.TryGetValue(Encoding.UTF8.GetString(payload), out var pending))
        {
            pending.Confirm();
        }
    }

    public ValueTask DisposeAsync() => subscriber.DisposeAsync();

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
