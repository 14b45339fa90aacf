using System.Buffers;
using System.IO.Compression;

namespace Platform.Grpc.Internal;

/// <summary>Message compression (grpc/doc/compression.md): identity and gzip.</summary>
internal static class GrpcCompression
{
    public const string Gzip = "gzip";

    /// <summary>What this implementation accepts, advertised in grpc-accept-encoding.</summary>
    public const string AcceptEncoding = "identity,gzip";

    public static bool IsSupported(string encoding) =>
        encoding.Equals(Gzip, StringComparison.OrdinalIgnoreCase)
        || encoding.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase);

    public static bool IsIdentity(string? encoding) =>
        encoding is null || encoding.Equals(GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase);

    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length / 2 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Inflates a gzip message, refusing to produce more than <paramref name="maxSize"/> bytes, so a small
    /// "zip bomb" frame cannot exhaust memory. Returns null when the limit is exceeded.
    /// </summary>
    public static byte[]? Decompress(ReadOnlySequence<byte> compressed, int maxSize)
    {
        using var input = new MemoryStream(compressed.ToArray(), writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxSize)
                {
                    return null;
                }

                output.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return output.ToArray();
    }
}
