using Google.Protobuf;

namespace Platform.Grpc;

/// <summary>
/// Describes one RPC: its shape, its path on the wire (<c>/package.Service/Method</c>) and how to parse
/// its messages. Generated code creates one static instance per method.
/// </summary>
public sealed class Method<TRequest, TResponse>
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    public Method(
        MethodType type,
        string serviceName,
        string name,
        MessageParser<TRequest> requestParser,
        MessageParser<TResponse> responseParser,
        bool isIdempotent = false)
    {
        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = "/" + serviceName + "/" + name;
        RequestParser = requestParser;
        ResponseParser = responseParser;
        IsIdempotent = isIdempotent;
    }

    public MethodType Type { get; }

    /// <summary>Fully-qualified protobuf service name, e.g. <c>grpc.testing.TestService</c>.</summary>
    public string ServiceName { get; }

    public string Name { get; }

    /// <summary>The HTTP/2 <c>:path</c> of the method.</summary>
    public string FullName { get; }

    public MessageParser<TRequest> RequestParser { get; }

    public MessageParser<TResponse> ResponseParser { get; }

    /// <summary>
    /// True when the proto marks the method <c>idempotency_level = IDEMPOTENT</c> or <c>NO_SIDE_EFFECTS</c>;
    /// only such calls are retried automatically after UNAVAILABLE.
    /// </summary>
    public bool IsIdempotent { get; }
}
