using Satchel.Runtime.Interpreters;
using Xunit;

namespace Satchel.Runtime.Tests.Interpreters;

public sealed class VersionTests
{
    [Theory]
    [InlineData("3.11", "3.11")]
    [InlineData("v3.11.7", "3.11.7")]
    [InlineData("3.13.0RC1", "3.13.0rc1")]
    [InlineData("3.13.0-rc.1", "3.13.0rc1")]
    [InlineData("3.13.0c1", "3.13.0rc1")]
    [InlineData("3.13.0preview2", "3.13.0rc2")]
    [InlineData("3.14.0alpha1", "3.14.0a1")]
    [InlineData("3.14.0.beta", "3.14.0b0")]
    [InlineData("1.0-1", "1.0.post1")]
    [InlineData("1.0.rev2", "1.0.post2")]
    [InlineData("1.0_post", "1.0.post0")]
    [InlineData("1.0-dev3", "1.0.dev3")]
    [InlineData("1!2.0", "1!2.0")]
    [InlineData("3.11.7+Ubuntu-1_007", "3.11.7+ubuntu.1.7")]
    [InlineData(" 3.12 ", "3.12")]
    public void Versions_are_normalised_as_PEP_440_says(string text, string normal) =>
        Assert.Equal(normal, PythonVersion.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("three")]
    [InlineData("3.")]
    [InlineData("3..1")]
    [InlineData("3.1x")]
    [InlineData("3.1+")]
    [InlineData("3.1+a..b")]
    [InlineData("99999999999.1")]
    public void Malformed_versions_are_refused(string text)
    {
        Assert.False(PythonVersion.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Versions_sort_in_PEP_440_order()
    {
        string[] ordered =
        [
            "3.12", "3.12.1.dev0", "3.12.1a1", "3.12.1a2.dev1", "3.12.1a2", "3.12.1b1", "3.12.1rc1", "3.12.1",
            "3.12.1+local", "3.12.1.post1.dev1", "3.12.1.post1", "3.12.2", "3.13.0rc1", "3.13", "1!0.1",
        ];
        for (var i = 0; i < ordered.Length - 1; i++)
        {
            Assert.True(PythonVersion.Parse(ordered[i]) < PythonVersion.Parse(ordered[i + 1]), $"{ordered[i]} < {ordered[i + 1]}");
        }
    }

    [Fact]
    public void Trailing_zeros_do_not_change_a_version()
    {
        Assert.Equal(PythonVersion.Parse("3.12"), PythonVersion.Parse("3.12.0.0"));
        Assert.Equal(PythonVersion.Parse("3.12").GetHashCode(), PythonVersion.Parse("3.12.0").GetHashCode());
        Assert.NotEqual(PythonVersion.Parse("3.12"), PythonVersion.Parse("3.12.0rc1"));
    }

    [Theory]
    [InlineData(3, 13, 0, "candidate", 1, "3.13.0rc1")]
    [InlineData(3, 14, 0, "alpha", 2, "3.14.0a2")]
    [InlineData(3, 12, 0, "beta", 4, "3.12.0b4")]
    [InlineData(3, 11, 7, "final", 0, "3.11.7")]
    public void Interpreter_versions_come_from_sys_version_info(int major, int minor, int micro, string level, int serial, string expected)
    {
        var version = PythonVersion.FromVersionInfo(major, minor, micro, level, serial);
        Assert.Equal(expected, version.ToString());
        Assert.Equal(level != "final", version.IsPrerelease);
    }
}
