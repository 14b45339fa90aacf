using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Platform.Grpc.Server;

namespace Platform.Grpc.Internal.Server;

/// <summary>
/// The server side of one call: deadline, cancellation, response headers and the closing status.
/// Status rules (PROTOCOL-HTTP2.md): a status before any message is sent as "Trailers-Only" (in the
/// headers of the only HEADERS frame); after a message it goes in trailers.
/// </summary>
internal sealed class ServerCallState : IDisposable
{
    private readonly CancellationTokenSource? _deadlineSource;
    private readonly CancellationTokenSource? _linkedSource;
    private bool _headersPrepared;

    public ServerCallState(HttpContext httpContext, string methodFullName, GrpcServerOptions options, TimeSpan? timeout, TimeProvider time)
    {
        HttpContext = httpContext;
        MethodFullName = methodFullName;
        Options = options;
        RequestEncoding = httpContext.Request.Headers[GrpcProtocol.EncodingHeader].ToString() is { Length: > 0 } e ? e : null;
        ClientAcceptsGzip = httpContext.Request.Headers[GrpcProtocol.AcceptEncodingHeader].ToString()
            .Contains(GrpcCompression.Gzip, StringComparison.OrdinalIgnoreCase);
        CompressResponses = options.CompressResponses;

        if (timeout is { } t && t < GrpcTimeout.MaxTimer)
        {
            Deadline = time.GetUtcNow().UtcDateTime + t;
            _deadlineSource = new CancellationTokenSource(t, time);
            _linkedSource = CancellationTokenSource.CreateLinkedTokenSource(_deadlineSource.Token, httpContext.RequestAborted);
            CancellationToken = _linkedSource.Token;
        }
        else
        {
            Deadline = DateTime.MaxValue;
            CancellationToken = httpContext.RequestAborted;
        }
    }

    public HttpContext HttpContext { get; }

    public string MethodFullName { get; }

    public GrpcServerOptions Options { get; }

    public string? RequestEncoding { get; }

    public bool ClientAcceptsGzip { get; }

    public bool CompressResponses { get; set; }

    public DateTime Deadline { get; }

    public CancellationToken CancellationToken { get; }

    public bool DeadlineExceeded => _deadlineSource?.IsCancellationRequested == true;

    public bool ClientCancelled => HttpContext.RequestAborted.IsCancellationRequested;

    public Status Status { get; set; } = Status.Ok;

    public Metadata ResponseTrailers { get; } = new();

    public string Peer
    {
        get
        {
            var connection = HttpContext.Connection;
            var ip = connection.RemoteIpAddress;
            if (ip is null)
            {
                return "unknown";
            }

            var family = ip.AddressFamily == AddressFamily.InterNetworkV6 ? "ipv6:[" + ip + "]" : "ipv4:" + ip;
            return family + ":" + connection.RemotePort.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>True when response messages should be gzip-compressed.</summary>
    public bool ShouldCompress => CompressResponses && ClientAcceptsGzip;

    public Metadata ReadRequestHeaders() => MetadataCodec.FromHeaders(HttpContext.Request.Headers);

    /// <summary>Sets content-type and the encoding headers once, before the first byte of the response.</summary>
    public void PrepareResponseHeaders()
    {
        if (_headersPrepared)
        {
            return;
        }

        _headersPrepared = true;
        var response = HttpContext.Response;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcCompression.AcceptEncoding;
        if (ShouldCompress)
        {
            response.Headers[GrpcProtocol.EncodingHeader] = GrpcCompression.Gzip;
        }
    }

    public async Task WriteResponseHeadersAsync(Metadata headers)
    {
        var response = HttpContext.Response;
        if (response.HasStarted)
        {
            throw new InvalidOperationException("Response headers can only be sent once per call.");
        }

        PrepareResponseHeaders();
        MetadataCodec.ToHeaders(headers, response.Headers);
        await response.StartAsync(CancellationToken);
    }

    /// <summary>Ends the call with <paramref name="status"/>: trailers after messages, or Trailers-Only.</summary>
    public void WriteStatus(Status status)
    {
        var response = HttpContext.Response;
        if (!response.HasStarted)
        {
            // Trailers-Only: one HEADERS frame carrying the status and trailing metadata.
            PrepareResponseHeaders();
            var headers = response.Headers;
            headers[GrpcProtocol.StatusTrailer] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
            if (!string.IsNullOrEmpty(status.Detail))
            {
                headers[GrpcProtocol.MessageTrailer] = PercentEncoding.Encode(status.Detail);
            }

            MetadataCodec.ToHeaders(ResponseTrailers, headers);
            return;
        }

        if (!response.SupportsTrailers())
        {
            // Only HTTP/1.1 lacks trailers, and such requests are refused before any handler runs.
            return;
        }

        response.AppendTrailer(GrpcProtocol.StatusTrailer, ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(status.Detail))
        {
            response.AppendTrailer(GrpcProtocol.MessageTrailer, PercentEncoding.Encode(status.Detail));
        }

        foreach (var entry in ResponseTrailers)
        {
            response.AppendTrailer(entry.Key, MetadataCodec.EncodeValue(entry));
        }
    }

    /// <summary>Resets the HTTP/2 stream (RFC 9113 §7) so a client never takes a cut-off response as complete.</summary>
    public void ResetStream(Http2ErrorCode code)
    {
        HttpContext.Features.Get<IHttpResetFeature>()?.Reset((int)code);
    }

    public void Dispose()
    {
        _linkedSource?.Dispose();
        _deadlineSource?.Dispose();
    }
}
