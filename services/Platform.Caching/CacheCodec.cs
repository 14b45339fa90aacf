using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Google.Protobuf;

namespace Platform.Caching;

/// <summary>How a cached value becomes bytes and back.</summary>
public abstract class CacheCodec<T>
{
    public abstract byte[] Encode(T value);

    public abstract T Decode(byte[] bytes);
}

/// <summary>Ready-made codecs: protobuf messages (what the services cache) and System.Text.Json.</summary>
public static class CacheCodec
{
    public static CacheCodec<T> Protobuf<T>(MessageParser<T> parser)
        where T : IMessage<T> => new ProtobufCodec<T>(parser);

    public static CacheCodec<T> Json<T>(JsonTypeInfo<T> typeInfo) => new JsonCodec<T>(typeInfo);

    private sealed class ProtobufCodec<T>(MessageParser<T> parser) : CacheCodec<T>
        where T : IMessage<T>
    {
        public override byte[] Encode(T value) => value.ToByteArray();

        public override T Decode(byte[] bytes) => parser.ParseFrom(bytes);
    }

    private sealed class JsonCodec<T>(JsonTypeInfo<T> typeInfo) : CacheCodec<T>
    {
        public override byte[] Encode(T value) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

        public override T Decode(byte[] bytes) => JsonSerializer.Deserialize(bytes, typeInfo)!;
    }
}
