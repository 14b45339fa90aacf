using System.Globalization;
using System.Text;

namespace Platform.Redis;

/// <summary>
/// A command argument: text (sent as UTF-8), raw bytes (binary-safe) or an integer. Converts implicitly,
/// so <c>client.SetAsync("key", bytes)</c> and <c>client.IncrByAsync(key, 5)</c> read naturally.
/// </summary>
public readonly struct RedisValue : IEquatable<RedisValue>
{
    private readonly string? _text;
    private readonly ReadOnlyMemory<byte> _bytes;

    private RedisValue(string? text, ReadOnlyMemory<byte> bytes)
    {
        _text = text;
        _bytes = bytes;
    }

    public static implicit operator RedisValue(string value) => new(value ?? throw new ArgumentNullException(nameof(value)), default);

    public static implicit operator RedisValue(byte[] value) => new(null, value ?? throw new ArgumentNullException(nameof(value)));

    public static implicit operator RedisValue(ReadOnlyMemory<byte> value) => new(null, value);

    public static implicit operator RedisValue(long value) => new(value.ToString(CultureInfo.InvariantCulture), default);

    public static RedisValue FromString(string value) => value;

    public static RedisValue FromBytes(ReadOnlyMemory<byte> value) => value;

    public static RedisValue FromInt64(long value) => value;

    internal int ByteCount => _text is null ? _bytes.Length : Encoding.UTF8.GetByteCount(_text);

    internal int CopyTo(Span<byte> destination) =>
        _text is null ? CopyBytes(destination) : Encoding.UTF8.GetBytes(_text, destination);

    public override string ToString() => _text ?? Encoding.UTF8.GetString(_bytes.Span);

    public bool Equals(RedisValue other) => ToString() == other.ToString();

    public override bool Equals(object? obj) => obj is RedisValue other && Equals(other);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    public static bool operator ==(RedisValue left, RedisValue right) => left.Equals(right);

    public static bool operator !=(RedisValue left, RedisValue right) => !left.Equals(right);

    private int CopyBytes(Span<byte> destination)
    {
        _bytes.Span.CopyTo(destination);
        return _bytes.Length;
    }
}
