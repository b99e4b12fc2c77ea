using Satchel.Runtime.Format;
using Satchel.Runtime.Python;
using Xunit;

namespace Satchel.Runtime.Tests.Python;

public sealed class BuildInterpreterVersionTests
{
    private static byte[] Header(params byte[][] fields) => [.. fields.SelectMany(f => f)];

    [Theory]
    [InlineData("cpython 3.11.7", "3.11.7")]
    [InlineData("CPython 3.13.0rc1", "3.13.0rc1")]
    [InlineData("", null)]
    [InlineData("cpython", null)]
    [InlineData("cpython three", null)]
    public void The_version_comes_from_the_build_provenance(string buildInterpreter, string? expected)
    {
        var field = new BuildProvenance(315532800, "0.1.0", buildInterpreter, []).EncodeField();
        var other = HeaderField.Encode(1, "app"u8);

        Assert.Equal(expected, BuildInterpreterVersion.From(Header(other, field))?.ToString());
    }

    [Fact]
    public void A_header_without_provenance_or_with_a_malformed_one_prefers_nothing()
    {
        Assert.Null(BuildInterpreterVersion.From(HeaderField.Encode(1, "app"u8)));
        Assert.Null(BuildInterpreterVersion.From(HeaderField.Encode(HeaderTags.Provenance, [0xFF])));
    }
}
