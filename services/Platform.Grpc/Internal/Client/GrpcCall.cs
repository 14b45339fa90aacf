using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using Google.Protobuf;
using Platform.Grpc.Client;
using Platform.Grpc.Internal.Telemetry;

namespace Platform.Grpc.Internal.Client;

/// <summary>
/// One call on the client, whatever its shape:
///   1. build the HTTP/2 request (te: trailers, grpc-timeout, metadata) and send it;
///   2. on response headers: a grpc-status already there is "Trailers-Only", the call is over;
///   3. read length-prefixed messages from the response body;
///   4. at the end of the body, take grpc-status, grpc-message and metadata from the trailers.
/// The deadline and the caller's token cancel the HTTP request, which resets the stream (RST_STREAM CANCEL).
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse> : IClientCallState
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts;
    private readonly CancellationTokenRegistration _userCancellation;
    private readonly long _started = Stopwatch.GetTimestamp();
    private ITimer? _deadlineTimer;
    private Activity? _activity;
    private Task? _send;
    private Task<Metadata>? _headersTask;
    private System.Net.Http.Headers.HttpHeaders? _trailerSource;
    private StreamingRequestContent? _streamingContent;
    private HttpResponseMessage? _response;
    private PipeReader? _body;
    private string? _responseEncoding;
    private Status? _status;
    private Metadata? _trailers;
    private volatile bool _deadlineExceeded;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _cts = new CancellationTokenSource();
        _userCancellation = options.CancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _cts);
    }

    /// <summary>Built on first use: most callers never look at response headers, so none are parsed for them.</summary>
    public Task<Metadata> ResponseHeadersAsync => _headersTask ??= WaitForHeadersAsync();

    public bool CompressRequests => _options.CompressRequests;

    public int MaxSendMessageSize => _channel.Options.MaxSendMessageSize;

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not completed yet.");

    public Metadata GetTrailers()
    {
        if (_status is null)
        {
            throw new InvalidOperationException("The call has not completed yet.");
        }

        return _trailers ??= _trailerSource is null ? new Metadata() : MetadataCodec.FromHeaders(_trailerSource);
    }

    /// <summary>Starts a unary or server-streaming call: the single request is sent with END_STREAM.</summary>
    public void Start(TRequest request)
    {
        var size = request.CalculateSize();
        if (size > MaxSendMessageSize)
        {
            Fail(new Status(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {MaxSendMessageSize})"));
            return;
        }

        byte[] frame;
        if (_options.CompressRequests)
        {
            var packed = GrpcCompression.Compress(request.ToByteArray());
            frame = new byte[GrpcProtocol.MessageHeaderSize + packed.Length];
            frame[0] = 1;
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)packed.Length);
            packed.CopyTo(frame, GrpcProtocol.MessageHeaderSize);
        }
        else
        {
            frame = new byte[GrpcProtocol.MessageHeaderSize + size];
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
            request.WriteTo(frame.AsSpan(GrpcProtocol.MessageHeaderSize));
        }

        Send(new SingleMessageContent(frame));
    }

    /// <summary>Starts a client-streaming or duplex call; messages are pushed through the returned writer.</summary>
    public IClientStreamWriter<TRequest> StartStreaming()
    {
        _streamingContent = new StreamingRequestContent();
        Send(_streamingContent);
        return new ClientStreamWriter<TRequest, TResponse>(this, _streamingContent);
    }

    /// <summary>The single response of a unary or client-streaming call.</summary>
    public async Task<TResponse> GetResponseAsync()
    {
        var message = await ReadNextMessageAsync(CancellationToken.None);
        if (message is null)
        {
            // The server said OK but sent nothing: for a single-response call that is a protocol error.
            throw Violation("The server ended the call without a response message");
        }

        var extra = await ReadNextMessageAsync(CancellationToken.None);
        return extra is null ? message : throw Violation("The server sent more than one response message");
    }

    /// <summary>The next response message, or null at the end (status OK); a non-OK status throws.</summary>
    public async Task<TResponse?> ReadNextMessageAsync(CancellationToken cancellationToken)
    {
        if (_status is { } done)
        {
            return done.StatusCode == StatusCode.OK ? default : throw new RpcException(done, GetTrailers());
        }

        using var registration = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), _cts);
        try
        {
            // 2. Response headers (or Trailers-Only).
            await _send!;
            if (_status is { } trailersOnly)
            {
                return trailersOnly.StatusCode == StatusCode.OK ? default : throw new RpcException(trailersOnly, GetTrailers());
            }

            // 3. The next message.
            var message = await MessageReader.ReadAsync(_body!, _method.ResponseParser, _responseEncoding,
                _channel.Options.MaxReceiveMessageSize, _cts.Token);
            if (message is not null)
            {
                return message;
            }

            // 4. End of body: the status is in the trailers.
            var status = ReadStatus(_response!.TrailingHeaders)
                ?? new Status(StatusCode.Internal, "The response ended without a grpc-status");
            Complete(status, _response.TrailingHeaders);
            return status.StatusCode == StatusCode.OK ? default : throw new RpcException(status, GetTrailers());
        }
        catch (Exception e) when (e is not RpcException || _status is null)
        {
            throw Fail(StatusFor(e));
        }
    }

    /// <summary>Throws the call's failure status if it already failed (used by writers).</summary>
    public void ThrowIfFailed()
    {
        if (_deadlineExceeded || _cts.IsCancellationRequested)
        {
            throw Fail(StatusFor(new OperationCanceledException()));
        }

        if (_status is { StatusCode: not StatusCode.OK } failed)
        {
            throw new RpcException(failed, GetTrailers());
        }
    }

    /// <summary>
    /// The error to report when writing a request message failed: the server's status if the response says
    /// the call is over (waiting briefly for its headers), else the transport failure mapped to a status
    /// (the response stream then still reports the server's own status).
    /// </summary>
    public async Task<RpcException> StatusAfterWriteFailureAsync(Exception writeFailure)
    {
        if (_send is { IsCompleted: false } send)
        {
            await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(5)));
        }

        if (_status is { StatusCode: not StatusCode.OK } failed)
        {
            return new RpcException(failed, GetTrailers());
        }

        // The response is still open: the real status arrives with it, so the call itself stays as it is.
        return new RpcException(StatusFor(writeFailure));
    }

    public void Dispose()
    {
        if (_status is null)
        {
            Fail(new Status(StatusCode.Cancelled, "Call disposed before it completed"));
        }
    }

    // 1. Build and send the request.
    private void Send(HttpContent content)
    {
        var deadline = _options.Deadline ?? (_channel.Options.DefaultTimeout is { } t ? DateTime.UtcNow + t : null);
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.MethodUri(_method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        if (_channel.Authority is { } authority)
        {
            headers.Host = authority;
        }

        headers.TryAddWithoutValidation(GrpcProtocol.TeHeader, GrpcProtocol.TeTrailers);
        headers.TryAddWithoutValidation("user-agent", GrpcProtocol.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcCompression.AcceptEncoding);
        if (_options.CompressRequests)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, GrpcCompression.Gzip);
        }

        if (deadline is { } d && d != DateTime.MaxValue)
        {
            var remaining = d.ToUniversalTime() - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                _deadlineExceeded = true;
                Fail(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
                request.Dispose();
                return;
            }

            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(remaining));
            _deadlineTimer = remaining >= GrpcTimeout.MaxTimer ? null : _channel.Options.TimeProvider.CreateTimer(static s =>
            {
                var call = (GrpcCall<TRequest, TResponse>)s!;
                call._deadlineExceeded = true;
                call._cts.Cancel();
            }, this, remaining, Timeout.InfiniteTimeSpan);
        }

        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, MetadataCodec.EncodeValue(entry));
            }
        }

        _activity = GrpcTelemetry.Source.StartActivity(_method.ServiceName + "/" + _method.Name, ActivityKind.Client);
        if (_activity is not null)
        {
            GrpcTelemetry.SetCallTags(_activity, _method.ServiceName, _method.Name);
        }

        _send = SendCoreAsync(request);
    }

    /// <summary>Sends the request and handles the response headers. Never throws: a failure completes the call.</summary>
    private async Task SendCoreAsync(HttpRequestMessage request)
    {
        try
        {
            var response = await _channel.Invoker.SendAsync(request, _cts.Token);
            _response = response;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                // A proxy or non-gRPC server answered: map the HTTP status as the spec prescribes.
                Complete(ReadStatus(response.Headers) ?? HttpStatusMapping.ToStatus(response.StatusCode), response.Headers);
                return;
            }

            if (ReadStatus(response.Headers) is { } trailersOnly)
            {
                Complete(trailersOnly, response.Headers);
                return;
            }

            var contentType = response.Content.Headers.ContentType?.MediaType;
            if (!GrpcProtocol.IsGrpcContentType(contentType))
            {
                Complete(new Status(StatusCode.Internal, $"Response has content-type '{contentType}', expected application/grpc"), null);
                return;
            }

            _responseEncoding = response.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var enc) ? enc.FirstOrDefault() : null;
            _body = PipeReader.Create(await response.Content.ReadAsStreamAsync(_cts.Token));
        }
        catch (Exception e)
        {
            Complete(StatusFor(e), null);
        }
    }

    private async Task<Metadata> WaitForHeadersAsync()
    {
        if (_send is not null)
        {
            await _send;
        }

        // Headers exist once a response arrived, even if the call then failed (Trailers-Only).
        return _response is { } response
            ? MetadataCodec.FromHeaders(response.Headers)
            : throw new RpcException(GetStatus(), GetTrailers());
    }

    private static Status? ReadStatus(System.Net.Http.Headers.HttpHeaders headers)
    {
        if (!headers.TryGetValues(GrpcProtocol.StatusTrailer, out var values))
        {
            return null;
        }

        var text = values.FirstOrDefault();
        var message = headers.TryGetValues(GrpcProtocol.MessageTrailer, out var m) ? PercentEncoding.Decode(m.First()) : "";
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? new Status((StatusCode)code, message)
            : new Status(StatusCode.Unknown, $"Invalid grpc-status '{text}'");
    }

    private Status StatusFor(Exception exception) => exception switch
    {
        RpcException rpc => rpc.Status,
        _ when _deadlineExceeded => new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"),
        OperationCanceledException when _cts.IsCancellationRequested => new Status(StatusCode.Cancelled, "Call cancelled by the client"),
        _ => HttpStatusMapping.FromTransportError(exception),
    };

    /// <summary>The server broke the call's contract although its status may say OK: report INTERNAL instead.</summary>
    private RpcException Violation(string detail)
    {
        if (_status is { StatusCode: StatusCode.OK })
        {
            _status = new Status(StatusCode.Internal, detail);
        }

        return Fail(new Status(StatusCode.Internal, detail));
    }

    private RpcException Fail(Status status)
    {
        Complete(status, null);
        return new RpcException(_status!.Value, GetTrailers());
    }

    /// <summary>Records the outcome once; releases the request stream, timer, response and telemetry.</summary>
    private void Complete(Status status, System.Net.Http.Headers.HttpHeaders? trailers)
    {
        if (_status is not null)
        {
            return;
        }

        _trailerSource = trailers;
        _status = status;
        _deadlineTimer?.Dispose();
        _userCancellation.Dispose();
        _streamingContent?.Abort();
        if (status.StatusCode != StatusCode.OK)
        {
            // Resets the HTTP/2 stream if it is still open, so the server stops work on it.
            _cts.Cancel();
        }

        _response?.Dispose();
        if (_activity is not null)
        {
            GrpcTelemetry.SetStatus(_activity, status.StatusCode, server: false);
            _activity.Dispose();
        }

        GrpcTelemetry.ClientDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds,
            GrpcTelemetry.Tags(_method.ServiceName, _method.Name, status.StatusCode));
    }
}
