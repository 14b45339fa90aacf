namespace Platform.Redis.Tests;

public sealed class RedisOptionsTests
{
    [Fact]
    public void Parse_OptionList()
    {
        var o = RedisOptions.Parse("cache.local:6380,password=p@ss,user=app,ssl=true,defaultDatabase=3,connectTimeout=2000,syncTimeout=750");
        Assert.Equal(("cache.local", 6380, "p@ss", "app", true, 3), (o.Host, o.Port, o.Password, o.User, o.UseTls, o.Database));
        Assert.Equal(TimeSpan.FromSeconds(2), o.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(750), o.CommandTimeout);
    }

    [Fact]
    public void Parse_Url_WithUserPasswordAndDatabase()
    {
        var o = RedisOptions.Parse("rediss://app:s%40cret@10.0.0.5:6390/2");
        Assert.Equal(("10.0.0.5", 6390, "app", "s@cret", 2, true), (o.Host, o.Port, o.User, o.Password, o.Database, o.UseTls));
    }

    [Fact]
    public void Parse_HostOnly_UsesDefaultPort() => Assert.Equal(6379, RedisOptions.Parse("localhost").Port);

    [Theory]
    [InlineData("host:notaport", "port")]
    [InlineData("host:6379,defaultDatabase=x", "defaultdatabase")]
    [InlineData("host:6379,ssl=maybe", "ssl")]
    [InlineData("host:6379,colour=blue", "colour")]
    [InlineData("password=x", "no host")]
    [InlineData("redis://h:1/notadb", "database")]
    public void Parse_BadInput_NamesTheProblem(string text, string named)
    {
        var e = Assert.Throws<FormatException>(() => RedisOptions.Parse(text));
        Assert.Contains(named, e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
