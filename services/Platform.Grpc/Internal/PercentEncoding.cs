using System.Text;

namespace Platform.Grpc.Internal;

/// <summary>
/// grpc-message is UTF-8, percent-encoded: every byte outside 0x20-0x7E, and '%' itself, becomes %XX.
/// Decoding is lenient: a malformed escape is kept as it is (the spec asks receivers not to fail).
/// </summary>
internal static class PercentEncoding
{
    public static string Encode(string value)
    {
        var needs = false;
        foreach (var c in value)
        {
            if (c is < ' ' or > '~' or '%')
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return value;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7E or (byte)'%')
            {
                sb.Append('%').Append(ToHex(b >> 4)).Append(ToHex(b & 0xF));
            }
            else
            {
                sb.Append((char)b);
            }
        }

        return sb.ToString();
    }

    public static string Decode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                bytes.Add((byte)((FromHex(value[i + 1]) << 4) | FromHex(value[i + 2])));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static char ToHex(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int FromHex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
