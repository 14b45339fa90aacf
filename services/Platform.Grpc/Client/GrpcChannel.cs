using System.Net;
using Platform.Grpc.Internal.Client;

namespace Platform.Grpc.Client;

/// <summary>
/// A long-lived connection pool to one gRPC server (h2c for http://, TLS with ALPN h2 for https://).
/// Create one per server and share it; calls are multiplexed over its HTTP/2 connections.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly bool _disposeHandler;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        Options = options;
        HttpMessageHandler handler;
        if (options.HttpHandler is { } custom)
        {
            handler = custom;
        }
        else
        {
            var sockets = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = options.EnableMultipleHttp2Connections,
                ConnectTimeout = options.ConnectTimeout,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                KeepAlivePingDelay = options.KeepAlivePingDelay ?? Timeout.InfiniteTimeSpan,
                KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
                // A gRPC client is not a browser: no proxies, redirects, cookies or HTTP-level decompression.
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
            };
            if (options.SslOptions is { } ssl)
            {
                sockets.SslOptions = ssl;
            }

            handler = sockets;
            _disposeHandler = true;
        }

        Invoker = new HttpMessageInvoker(handler, disposeHandler: _disposeHandler);
        Authority = options.Authority ?? options.SslOptions?.TargetHost;
    }

    /// <summary>Request URIs per method, built once: every call to a method reuses its Uri.</summary>
    internal Uri MethodUri(string fullName) => _methodUris.GetOrAdd(fullName, static (name, address) => new Uri(address, name), Address);

    /// <summary>The :authority override for every call, or null for the address's own.</summary>
    internal string? Authority { get; }

    public Uri Address { get; }

    public GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address, UriKind.Absolute), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"A gRPC address must be http:// or https://, got '{address}'.", nameof(address));
        }

        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    /// <summary>The invoker generated clients use, with the channel's interceptors in front.</summary>
    public CallInvoker CreateCallInvoker()
    {
        CallInvoker invoker = new HttpCallInvoker(this);
        for (var i = Options.Interceptors.Count - 1; i >= 0; i--)
        {
            invoker = new InterceptingCallInvoker(invoker, Options.Interceptors[i]);
        }

        return invoker;
    }

    public void Dispose() => Invoker.Dispose();
}
