namespace Platform.Redis;

/// <summary>RESP2 and RESP3 reply types (redis.io/docs/reference/protocol-spec).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The protocol's own type names.")]
public enum RedisReplyType
{
    SimpleString,
    Error,
    Integer,
    BulkString,
    Array,
    Null,
    Double,
    Boolean,
    BigNumber,
    VerbatimString,
    Map,
    Set,
    Push,
}
