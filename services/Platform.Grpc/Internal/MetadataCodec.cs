using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Platform.Grpc.Internal;

/// <summary>Converts between <see cref="Metadata"/> and HTTP headers: -bin values are base64 on the wire.</summary>
internal static class MetadataCodec
{
    public static Metadata FromHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers)
        {
            if (GrpcProtocol.IsReservedHeader(name))
            {
                continue;
            }

            AddValues(metadata, name, values);
        }

        return metadata;
    }

    public static Metadata FromHeaders(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers)
        {
            if (GrpcProtocol.IsReservedHeader(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                AddValues(metadata, name, value);
            }
        }

        return metadata;
    }

    public static void ToHeaders(Metadata metadata, IHeaderDictionary headers)
    {
        foreach (var entry in metadata)
        {
            headers.Append(entry.Key, EncodeValue(entry));
        }
    }

    public static string EncodeValue(Metadata.Entry entry) =>
        entry.ValueBytes is { } bytes ? Convert.ToBase64String(bytes).TrimEnd('=') : entry.Value!;

    private static void AddValues(Metadata metadata, string name, StringValues values)
    {
        var key = name.ToLowerInvariant();
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            try
            {
                if (Metadata.IsBinaryKey(key))
                {
                    // Several binary values may be folded into one header, comma-separated.
                    foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        metadata.Add(key, DecodeBase64(part));
                    }
                }
                else
                {
                    metadata.Add(key, value);
                }
            }
            catch (ArgumentException)
            {
                // A header that is not valid metadata (odd characters) is dropped rather than failing the call.
            }
            catch (FormatException)
            {
            }
        }
    }

    /// <summary>Accepts base64 with or without padding, as the spec requires of receivers.</summary>
    private static byte[] DecodeBase64(string text)
    {
        var padding = (4 - text.Length % 4) % 4;
        return Convert.FromBase64String(padding == 0 ? text : text + new string('=', padding));
    }
}
