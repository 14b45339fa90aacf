using Microsoft.AspNetCore.Http;
using Platform.Grpc.Internal;
using Platform.Grpc.Internal.Server;

namespace Platform.Grpc.Server;

/// <summary>Everything a service handler knows about the call it is serving, and how it shapes the reply.</summary>
public sealed class ServerCallContext
{
    private readonly ServerCallState _state;
    private Metadata? _requestHeaders;
    private Dictionary<object, object?>? _userState;

    internal ServerCallContext(ServerCallState state) => _state = state;

    /// <summary>The method's path, e.g. <c>/grpc.testing.TestService/UnaryCall</c>.</summary>
    public string Method => _state.MethodFullName;

    public string Host => _state.HttpContext.Request.Host.Value ?? "";

    /// <summary>The peer address in gRPC's form, e.g. <c>ipv4:127.0.0.1:51234</c>.</summary>
    public string Peer => _state.Peer;

    /// <summary>When the client's grpc-timeout runs out (UTC), or <see cref="DateTime.MaxValue"/> if none was set.</summary>
    public DateTime Deadline => _state.Deadline;

    /// <summary>Cancelled when the client cancels (RST_STREAM), the deadline passes, or the server shuts down hard.</summary>
    public CancellationToken CancellationToken => _state.CancellationToken;

    /// <summary>Metadata the client sent (binary <c>-bin</c> values already decoded).</summary>
    public Metadata RequestHeaders => _requestHeaders ??= _state.ReadRequestHeaders();

    /// <summary>Metadata sent with the status at the end of the call.</summary>
    public Metadata ResponseTrailers => _state.ResponseTrailers;

    /// <summary>The status the call ends with when the handler returns normally (OK unless set).</summary>
    public Status Status
    {
        get => _state.Status;
        set => _state.Status = value;
    }

    /// <summary>Compress response messages with gzip, if the client accepts it.</summary>
    public bool CompressResponses
    {
        get => _state.CompressResponses;
        set => _state.CompressResponses = value;
    }

    public HttpContext HttpContext => _state.HttpContext;

    /// <summary>Per-call state shared between interceptors and the handler.</summary>
    public IDictionary<object, object?> UserState => _userState ??= [];

    /// <summary>Sends the response headers now, with this metadata; otherwise they go with the first message.</summary>
    public Task WriteResponseHeadersAsync(Metadata headers) => _state.WriteResponseHeadersAsync(headers);
}
