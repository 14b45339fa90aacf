using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Documents.Grpc;

/// <summary>
/// Opaque page tokens: the last id of the page plus a fingerprint of the filters, so a token is refused
/// (INVALID_ARGUMENT) when it is forged, damaged or reused with different filters (AIP-158).
/// </summary>
internal static class PageToken
{
    public static string Create(string lastId, string filterFingerprint) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastId + "|" + Fingerprint(filterFingerprint)));

    public static bool TryRead(string token, string filterFingerprint, out string lastId)
    {
        lastId = "";
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(bytes).Split('|');
        if (parts.Length != 2 || !parts[0].StartsWith("doc_", StringComparison.Ordinal) || parts[1] != Fingerprint(filterFingerprint))
        {
            return false;
        }

        lastId = parts[0];
        return true;
    }

    private static string Fingerprint(string filters) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(filters)))[..16];
}
