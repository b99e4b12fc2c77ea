using Satchel.Runtime.Diagnostics;
using Xunit;

namespace Satchel.Runtime.Tests.Diagnostics;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("10", 10_000)]
    [InlineData("0.5", 500)]
    [InlineData(".25", 250)]
    [InlineData("1.", 1000)]
    [InlineData("0", 0)]
    public void Seconds_parse_as_decimals(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DurationText.ParseSeconds(text));

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("ten")]
    [InlineData("1.2.3")]
    public void Malformed_seconds_are_refused(string text) => Assert.Null(DurationText.ParseSeconds(text));

    [Fact]
    public void Durations_format_with_integer_arithmetic()
    {
        Assert.Equal("12.345 ms", DurationText.Milliseconds(TimeSpan.FromTicks(123_456)));
        Assert.Equal("10 ms", DurationText.WholeMilliseconds(TimeSpan.FromMilliseconds(10.9)));
        Assert.Equal("1.5 s", DurationText.Seconds(TimeSpan.FromMilliseconds(1520)));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(4L)]
    [InlineData(5L)]
    [InlineData(15L)]
    [InlineData(12_345L)]
    [InlineData(12_344L)]
    [InlineData(987_654_321L)]
    public void Whole_microseconds_round_like_the_double_format_they_replace(long ticks)
    {
        var duration = TimeSpan.FromTicks(ticks);
        var viaDouble = duration.TotalMicroseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " us";
        Assert.Equal(viaDouble, DurationText.WholeMicroseconds(duration));
    }
}
