using System.Security.Cryptography;
using System.Text;
using Platform.Documents.Text.Internal;

namespace Platform.Documents.Text;

/// <summary>
/// The dedupe key of a document: SHA-256, as 64 lower-case hex digits, of its body after Unicode NFC
/// normalisation, with every run of whitespace collapsed to one space and the ends trimmed. The same article
/// pasted with other line breaks, indentation or non-breaking spaces gets the same hash; any change to a word,
/// a letter's case or punctuation gives another.
/// </summary>
public static class ContentHash
{
    public static string Compute(string body)
    {
        ArgumentNullException.ThrowIfNull(body);

        // An unpaired surrogate (which TextValidation rejects) encodes as U+FFFD rather than failing the hash.
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonicalize(body))));
    }

    internal static string Canonicalize(string body) => TextNormalizer.CollapseWhitespace(Nfc.Normalize(body));
}
