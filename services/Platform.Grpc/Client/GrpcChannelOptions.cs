using System.Net.Security;

namespace Platform.Grpc.Client;

/// <summary>Settings of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted (after decompression). Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest request message sent. Default 4 MiB.</summary>
    public int MaxSendMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Deadline applied to calls that set none. Every call should have one; null means none.</summary>
    public TimeSpan? DefaultTimeout { get; set; }

    /// <summary>Retry for idempotent unary calls; null turns automatic retries off.</summary>
    public RetryPolicy? RetryPolicy { get; set; } = new();

    /// <summary>Client interceptors; the first added runs outermost.</summary>
    public IList<ClientInterceptor> Interceptors { get; } = [];

    /// <summary>
    /// The :authority sent with every call instead of the address's host:port. It is also the TLS server
    /// name checked against the certificate (SocketsHttpHandler takes it from the Host header), which is
    /// how a test or a server reached through an IP address is given its certificate's name.
    /// Defaults to <see cref="SslOptions"/>.TargetHost when that is set.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>TLS settings for https addresses (custom CA validation, client certificates).</summary>
    public SslClientAuthenticationOptions? SslOptions { get; set; }

    /// <summary>A handler to use instead of the channel's own SocketsHttpHandler (tests, custom transports). Not disposed by the channel.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Open more HTTP/2 connections when the server's stream limit is reached on one.</summary>
    public bool EnableMultipleHttp2Connections { get; set; } = true;

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>HTTP/2 PING interval that detects dead connections; null disables keep-alive pings.</summary>
    public TimeSpan? KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(60);

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
