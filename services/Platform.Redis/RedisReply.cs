using System.Globalization;
using System.Text;

namespace Platform.Redis;

/// <summary>One reply from the server. Aggregates (arrays, maps, sets, pushes) hold their elements in order.</summary>
public sealed class RedisReply
{
    public static readonly RedisReply Nil = new(RedisReplyType.Null);

    internal RedisReply(RedisReplyType type, byte[]? bytes = null, long integer = 0, RedisReply[]? elements = null)
    {
        Type = type;
        Bytes = bytes;
        Integer = integer;
        Elements = elements;
    }

    public RedisReplyType Type { get; }

    /// <summary>The payload of a string, error, double, big number or verbatim reply.</summary>
    public byte[]? Bytes { get; }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The protocol's own type name.")]
    public long Integer { get; }

    public IReadOnlyList<RedisReply>? Elements { get; }

    public bool IsNull => Type == RedisReplyType.Null;

    public bool IsError => Type == RedisReplyType.Error;

    public string? AsString() => Bytes is null ? null : Encoding.UTF8.GetString(Bytes);

    public long AsInt64() => Type switch
    {
        RedisReplyType.Integer or RedisReplyType.Boolean => Integer,
        RedisReplyType.BulkString or RedisReplyType.SimpleString => long.Parse(AsString()!, CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"A {Type} reply is not an integer."),
    };

    public override string ToString() => Type switch
    {
        RedisReplyType.Null => "(nil)",
        RedisReplyType.Integer or RedisReplyType.Boolean => Integer.ToString(CultureInfo.InvariantCulture),
        RedisReplyType.Array or RedisReplyType.Map or RedisReplyType.Set or RedisReplyType.Push =>
            "[" + string.Join(", ", Elements!.Select(e => e.ToString())) + "]",
        _ => AsString() ?? "",
    };
}
