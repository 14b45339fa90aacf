namespace Platform.Grpc.Internal;

/// <summary>Names and values from the gRPC over HTTP/2 specification (grpc/doc/PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string ContentTypeProto = "application/grpc+proto";

    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string TimeoutHeader = "grpc-timeout";
    public const string TeHeader = "te";
    public const string TeTrailers = "trailers";

    public const string IdentityEncoding = "identity";

    /// <summary>Length-Prefixed-Message: 1 byte Compressed-Flag, 4 bytes big-endian Message-Length.</summary>
    public const int MessageHeaderSize = 5;

    /// <summary>Default max message size in either direction, as in the reference implementations.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    public const string UserAgent = "grpc-dotnet-platform/1.0";

    /// <summary>True for application/grpc, application/grpc+proto and either with parameters.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (contentType.Length == ContentType.Length)
        {
            return true;
        }

        var rest = contentType.AsSpan(ContentType.Length);
        return rest[0] == ';' || rest.StartsWith("+proto", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Headers that are part of the protocol, never surfaced as application metadata.</summary>
    public static bool IsReservedHeader(string name) =>
        name.Length == 0
        || name[0] == ':'
        || name.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.Equals("te", StringComparison.OrdinalIgnoreCase)
        || name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || name.Equals("connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase);
}
