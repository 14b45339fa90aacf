using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.Gateway.Hosting;

/// <summary>
/// One cleartext port for both browsers (HTTP/1.1) and gRPC clients (HTTP/2 with prior knowledge).
/// Kestrel picks HTTP/1.1 for every cleartext connection when both are enabled, because without TLS there is
/// no ALPN to choose by. This connection middleware looks at the first bytes without consuming them: the
/// HTTP/2 connection preface means HTTP/2, and it says so to Kestrel the way TLS would — by presenting an
/// ALPN result of "h2". Nothing else about the connection changes (no TLS handshake feature is added, so
/// Kestrel's TLS-only HTTP/2 checks do not apply).
/// </summary>
public static class CleartextHttp2Detection
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private static readonly TimeSpan FirstBytesTimeout = TimeSpan.FromSeconds(10);

    public static ConnectionDelegate Middleware(ConnectionDelegate next) => async connection =>
    {
        using var timeout = new CancellationTokenSource(FirstBytesTimeout);
        var input = connection.Transport.Input;
        bool isHttp2;
        try
        {
            isHttp2 = await StartsWithPrefaceAsync(input, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            connection.Abort(new ConnectionAbortedException("No request within 10 seconds of connecting."));
            return;
        }

        if (isHttp2)
        {
            connection.Features.Set<ITlsConnectionFeature>(new ClearTextMarker());
            connection.Features.Set<ITlsApplicationProtocolFeature>(new ClearTextMarker());
        }

        await next(connection);
    };

    private static async Task<bool> StartsWithPrefaceAsync(System.IO.Pipelines.PipeReader input, CancellationToken cancellationToken)
    {
        var head = new byte[Preface.Length];
        while (true)
        {
            var read = await input.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            var length = (int)Math.Min(buffer.Length, Preface.Length);
            buffer.Slice(0, length).CopyTo(head);
            var matches = head.AsSpan(0, length).SequenceEqual(Preface.AsSpan(0, length));
            if (!matches || length == Preface.Length || read.IsCompleted)
            {
                // Examined nothing: the protocol handler reads the same bytes again, at once.
                input.AdvanceTo(buffer.Start, buffer.Start);
                return matches && length == Preface.Length;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>
    /// Kestrel chooses the protocol from these two features. The connection is still cleartext: the scheme
    /// requests carry is kept ("http"), and the certificate is null.
    /// </summary>
    private sealed class ClearTextMarker : ITlsConnectionFeature, ITlsApplicationProtocolFeature
    {
        public System.Security.Cryptography.X509Certificates.X509Certificate2? ClientCertificate { get; set; }

        public ReadOnlyMemory<byte> ApplicationProtocol => "h2"u8.ToArray();

        public Task<System.Security.Cryptography.X509Certificates.X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) =>
            Task.FromResult<System.Security.Cryptography.X509Certificates.X509Certificate2?>(null);
    }
}
