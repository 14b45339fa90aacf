using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Contracts;

/// <summary>
/// Opaque page tokens: the keyset position of the last item plus a fingerprint of the request's filters, so a
/// token is refused (INVALID_ARGUMENT) when forged, damaged or reused with different filters (AIP-158).
/// </summary>
public static class PageToken
{
    public static string Create(string filters, params string[] position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\u001f', [Fingerprint(filters), .. position])));

    /// <summary>The position fields, or null when the token is not one this service made for these filters.</summary>
    public static string[]? Read(string token, string filters, int fields)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('\u001f');
            return parts.Length == fields + 1 && parts[0] == Fingerprint(filters) ? parts[1..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Fingerprint(string filters) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(filters)))[..16];
}
