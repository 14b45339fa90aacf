using Platform.Grpc.Internal;

namespace Platform.Grpc.Tests.Unit;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("1m", 10_000L)]
    [InlineData("100u", 1_000L)]
    [InlineData("99999999n", 999_999L)]
    public void TryParse_EachUnit_GivesTheDuration(string text, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(text, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("123")]
    [InlineData("1x")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    public void TryParse_Malformed_IsRejected(string text) => Assert.False(GrpcTimeout.TryParse(text, out _));

    [Theory]
    [InlineData(0.5)]
    [InlineData(1500)]
    [InlineData(86_400_000)]
    [InlineData(100_000_000_000)]
    public void Format_RoundTrips_NeverShorterAndAtMostEightDigits(double milliseconds)
    {
        var timeout = TimeSpan.FromMilliseconds(milliseconds);
        var text = GrpcTimeout.Format(timeout);
        Assert.InRange(text.Length, 2, 9);
        Assert.True(GrpcTimeout.TryParse(text, out var parsed));
        Assert.True(parsed >= timeout, $"{text} parsed to {parsed}, shorter than {timeout}");
    }
}
