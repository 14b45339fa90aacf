using System.Diagnostics;
using System.Net;

namespace Platform.Gateway.Forwarding.Forwarding;

/// <summary>
/// The one HTTP client every backend call goes through. SocketsHttpHandler pools connections per destination
/// and multiplexes calls over HTTP/2, opening another connection only when one reaches the server's stream
/// limit — the thing that keeps the gateway's overhead low at many calls in flight.
/// </summary>
public sealed class BackendInvoker : IDisposable
{
    private readonly HttpMessageInvoker[] _invokers;
    private int _next;

    /// <param name="connectionsPerDestination">
    /// Independent connection pools, used in turn. HTTP/2 multiplexes every call over one connection, but many
    /// servers (gRPC C-core among them) serve one connection from one thread; a few connections let a backend
    /// use its cores. Measured with the gateway benchmark.
    /// </param>
    public BackendInvoker(int connectionsPerDestination = 4)
    {
        _invokers = new HttpMessageInvoker[Math.Clamp(connectionsPerDestination, 1, 64)];
        for (var i = 0; i < _invokers.Length; i++)
        {
            _invokers[i] = new HttpMessageInvoker(CreateHandler(), disposeHandler: true);
        }
    }

    /// <summary>The next connection pool in turn.</summary>
    public HttpMessageInvoker Invoker => _invokers.Length == 1 ? _invokers[0] : _invokers[(uint)Interlocked.Increment(ref _next) % (uint)_invokers.Length];

    private static SocketsHttpHandler CreateHandler()
    {
        return new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            // Pings notice a backend that vanished without closing its connection (a killed pod).
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            // The incoming request's trace context continues through the server span; the handler writes
            // traceparent for the current activity and drops whatever the caller sent.
            ActivityHeadersPropagator = DistributedContextPropagator.CreateDefaultPropagator(),
        };
    }

    public void Dispose()
    {
        foreach (var invoker in _invokers)
        {
            invoker.Dispose();
        }
    }
}
