using Satchel.Runtime.Cache;
using Xunit;

namespace Satchel.Runtime.Tests.Cache;

public sealed class AgeTextTests
{
    [Theory]
    [InlineData("30d", 30 * 86400)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("1d12h", 86400 + 12 * 3600)]
    [InlineData("90m", 90 * 60)]
    [InlineData("45s", 45)]
    [InlineData("2w", 14 * 86400)]
    [InlineData(" 3D ", 3 * 86400)]
    [InlineData("0s", 0)]
    [InlineData("0d", 0)]
    public void Ages_parse_to_seconds(string text, long seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AgeText.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("d")]
    [InlineData("5x")]
    [InlineData("1.5d")]
    [InlineData("-1d")]
    [InlineData("99999999999999d")]
    public void Malformed_ages_are_refused(string text) => Assert.Null(AgeText.Parse(text));

    [Theory]
    [InlineData(30, "just now")]
    [InlineData(125, "2m")]
    [InlineData(3 * 3600 + 120, "3h 2m")]
    [InlineData(2 * 86400 + 5 * 3600, "2d 5h")]
    public void Ages_format_with_the_two_largest_units(long seconds, string expected) =>
        Assert.Equal(expected, AgeText.Format(TimeSpan.FromSeconds(seconds)));
}
