using System.IO.Compression;
using Grpc.Net.Compression;

namespace Platform.Interop.Client;

/// <summary>
/// gzip that counts the messages it decompressed. Grpc.Net.Client tells a caller nothing about a response
/// message's compressed flag; a message is decompressed exactly when that flag is set, so the count before
/// and after reading a response says whether the server compressed it. Cases run one at a time.
/// </summary>
internal sealed class CountingGzipProvider : ICompressionProvider
{
    private readonly GzipCompressionProvider _gzip = new(CompressionLevel.Fastest);
    private int _decompressed;

    public string EncodingName => _gzip.EncodingName;

    /// <summary>Messages decompressed so far, by every call of the channel.</summary>
    public int Decompressed => Volatile.Read(ref _decompressed);

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        _gzip.CreateCompressionStream(stream, compressionLevel);

    public Stream CreateDecompressionStream(Stream stream)
    {
        Interlocked.Increment(ref _decompressed);
        return _gzip.CreateDecompressionStream(stream);
    }
}
