using System.IO.Compression;
using Grpc.Net.Compression;

namespace Platform.Interop.Server;

/// <summary>
/// gzip, counting per call how many request messages arrived compressed. grpc-dotnet exposes no per-message
/// compressed flag to a service, and expect_compressed needs one: a message is decompressed exactly when its
/// flag is set, so the count before and after reading a message tells whether that message was compressed.
/// </summary>
internal sealed class CountingGzipProvider(IHttpContextAccessor accessor) : ICompressionProvider
{
    private static readonly object CountKey = new();
    private readonly GzipCompressionProvider _gzip = new(CompressionLevel.Fastest);

    public string EncodingName => _gzip.EncodingName;

    /// <summary>How many request messages of the current call were decompressed so far.</summary>
    public static int CompressedRequests(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.TryGetValue(CountKey, out var value) && value is int count ? count : 0;
    }

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        _gzip.CreateCompressionStream(stream, compressionLevel);

    public Stream CreateDecompressionStream(Stream stream)
    {
        if (accessor.HttpContext is { } http)
        {
            http.Items[CountKey] = CompressedRequests(http) + 1;
        }

        return _gzip.CreateDecompressionStream(stream);
    }
}
