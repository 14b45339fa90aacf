using System.Buffers;
using System.Text;
using Platform.Redis.Internal;

namespace Platform.Redis.Tests;

public sealed class RespParserTests
{
    [Theory]
    [InlineData("+OK\r\n", RedisReplyType.SimpleString, "OK")]
    [InlineData("-ERR bad\r\n", RedisReplyType.Error, "ERR bad")]
    [InlineData("$5\r\nhello\r\n", RedisReplyType.BulkString, "hello")]
    [InlineData("$0\r\n\r\n", RedisReplyType.BulkString, "")]
    [InlineData(",3.14\r\n", RedisReplyType.Double, "3.14")]
    [InlineData("(12345678901234567890\r\n", RedisReplyType.BigNumber, "12345678901234567890")]
    [InlineData("=8\r\ntxt:abcd\r\n", RedisReplyType.VerbatimString, "abcd")]
    [InlineData("!5\r\nOOPS!\r\n", RedisReplyType.Error, "OOPS!")]
    public void Parse_ScalarTypes(string wire, RedisReplyType type, string text)
    {
        var reply = ParseOne(wire);
        Assert.Equal(type, reply.Type);
        Assert.Equal(text, reply.AsString());
    }

    [Theory]
    [InlineData("$-1\r\n")]
    [InlineData("*-1\r\n")]
    [InlineData("_\r\n")]
    public void Parse_NullForms_AreNull(string wire) => Assert.True(ParseOne(wire).IsNull);

    [Fact]
    public void Parse_IntegersAndBooleans()
    {
        Assert.Equal(-42, ParseOne(":-42\r\n").Integer);
        Assert.Equal(1, ParseOne("#t\r\n").Integer);
        Assert.Equal(0, ParseOne("#f\r\n").Integer);
    }

    [Fact]
    public void Parse_NestedAggregates_MapSetPushAndAttribute()
    {
        var map = ParseOne("%2\r\n+a\r\n:1\r\n+b\r\n*2\r\n$1\r\nx\r\n_\r\n");
        Assert.Equal(RedisReplyType.Map, map.Type);
        Assert.Equal(4, map.Elements!.Count);
        Assert.True(map.Elements[3].Elements![1].IsNull);

        Assert.Equal(RedisReplyType.Set, ParseOne("~1\r\n+m\r\n").Type);
        Assert.Equal(RedisReplyType.Push, ParseOne(">2\r\n+message\r\n+c\r\n").Type);
        // An attribute is skipped; the reply it annotates is returned.
        Assert.Equal("v", ParseOne("|1\r\n+key\r\n+meta\r\n+v\r\n").AsString());
    }

    [Fact]
    public void Parse_EveryPrefixOfAReply_NeedsMoreData_AndConsumesNothing()
    {
        var wire = Encoding.ASCII.GetBytes("*3\r\n$3\r\nfoo\r\n:7\r\n%1\r\n+k\r\n$2\r\nvv\r\n");
        for (var cut = 0; cut < wire.Length; cut++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(wire, 0, cut));
            Assert.False(RespParser.TryParse(ref reader, out _), $"a reply was parsed from the first {cut} bytes");
            Assert.Equal(0, reader.Consumed);
        }

        Assert.Equal(3, ParseOne(Encoding.ASCII.GetString(wire)).Elements!.Count);
    }

    [Fact]
    public void Parse_UnknownTypeByte_IsAProtocolError()
    {
        var e = Assert.Throws<RedisConnectionException>(() => ParseOne("?what\r\n"));
        Assert.Contains("Protocol error", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_BinaryArguments_AreLengthPrefixed()
    {
        var buffer = CommandEncoder.Encode("SET", [new byte[] { 0, 13, 10 }, "é"], out var length);
        var wire = buffer.AsSpan(0, length).ToArray();
        ArrayPool<byte>.Shared.Return(buffer);
        Assert.Equal("*3\r\n$3\r\nSET\r\n$3\r\n\0\r\n\r\n$2\r\né\r\n", Encoding.UTF8.GetString(wire));
    }

    private static RedisReply ParseOne(string wire)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(wire)));
        Assert.True(RespParser.TryParse(ref reader, out var reply));
        Assert.Equal(0, reader.Remaining);
        return reply;
    }
}
