using System.Collections;

namespace Platform.Grpc;

/// <summary>
/// gRPC metadata: an ordered list of key/value pairs sent as HTTP/2 headers or trailers. Keys are
/// lower-case; keys ending in <c>-bin</c> carry binary values (base64 on the wire), all others ASCII text.
/// </summary>
public sealed class Metadata : IReadOnlyList<Metadata.Entry>
{
    public const string BinarySuffix = "-bin";

    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public Entry this[int index] => _entries[index];

    public void Add(string key, string value)
    {
        var normalized = NormalizeKey(key);
        if (IsBinaryKey(normalized))
        {
            throw new ArgumentException($"Metadata key '{key}' ends in -bin and needs a byte[] value.", nameof(key));
        }

        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException($"Metadata value for '{key}' must be printable ASCII; use a -bin key for other data.", nameof(value));
            }
        }

        _entries.Add(new Entry(normalized, value, null));
    }

    public void Add(string key, byte[] value)
    {
        var normalized = NormalizeKey(key);
        if (!IsBinaryKey(normalized))
        {
            throw new ArgumentException($"Metadata key '{key}' carries a byte[] value and must end in -bin.", nameof(key));
        }

        ArgumentNullException.ThrowIfNull(value);
        _entries.Add(new Entry(normalized, null, value));
    }

    /// <summary>Adds a copy of an entry taken from other metadata.</summary>
    public void Add(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.ValueBytes is { } bytes)
        {
            Add(entry.Key, bytes);
        }
        else
        {
            Add(entry.Key, entry.Value!);
        }
    }

    /// <summary>The last text value for the key, or null.</summary>
    public string? GetValue(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i].Value;
            }
        }

        return null;
    }

    /// <summary>The last binary value for the key, or null.</summary>
    public byte[]? GetValueBytes(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i].ValueBytes;
            }
        }

        return null;
    }

    public bool Remove(string key) => _entries.RemoveAll(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase)) > 0;

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.OrdinalIgnoreCase);

    // Header names: lower-case letters, digits, '-', '_', '.' (gRPC over HTTP/2 spec, "Custom-Metadata").
    private static string NormalizeKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var lower = key.ToLowerInvariant();
        foreach (var c in lower)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
            {
                throw new ArgumentException($"Metadata key '{key}' has character '{c}'; allowed are a-z 0-9 - _ .", nameof(key));
            }
        }

        if (lower.StartsWith("grpc-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Metadata key '{key}' uses the reserved grpc- prefix.", nameof(key));
        }

        return lower;
    }

    /// <summary>One key/value pair; exactly one of <see cref="Value"/> and <see cref="ValueBytes"/> is set.</summary>
    public sealed record Entry(string Key, string? Value, byte[]? ValueBytes)
    {
        public bool IsBinary => ValueBytes is not null;
    }
}
