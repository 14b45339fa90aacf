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
    public BackendInvoker()
    {
        var handler = new SocketsHttpHandler
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
        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();
}
