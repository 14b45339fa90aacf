using System.Buffers.Binary;
using System.Globalization;
using System.Net.Http.Headers;

namespace Platform.ServiceDefaults.Tests.Grpc;

/// <summary>Hand-made gRPC requests over a plain HttpClient, to send what a well-behaved client never would.</summary>
internal static class RawGrpc
{
    /// <summary>A length-prefixed message: the compressed flag, a big-endian length (the real one unless forged), the payload.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload, byte flag = 0, uint? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(5));
        return frame;
    }

    public static async Task<RawResult> CallAsync(
        HttpClient client, string path, byte[] body, string contentType = "application/grpc",
        IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body),
            Version = client.DefaultRequestVersion,
            VersionPolicy = client.DefaultVersionPolicy,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (key, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(key, value);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = Header(response.Headers, "grpc-status") ?? Header(response.TrailingHeaders, "grpc-status");
        var message = Header(response.Headers, "grpc-message") ?? Header(response.TrailingHeaders, "grpc-message");
        return new RawResult(
            (int)response.StatusCode,
            int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null,
            message is null ? null : Uri.UnescapeDataString(message),
            bytes,
            Header(response.Headers, "grpc-accept-encoding"));
    }

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>What came back: the HTTP status, grpc-status and grpc-message (from headers or trailers), and the body.</summary>
internal sealed record RawResult(int HttpStatus, int? GrpcStatus, string? GrpcMessage, byte[] Body, string? GrpcAcceptEncoding);
