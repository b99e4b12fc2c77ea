using Satchel.Runtime.Format;
using Xunit;

namespace Satchel.Runtime.Tests.Format;

public sealed class LauncherDigestTests
{
    private static readonly byte[] Digest = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    [Fact]
    public void The_field_is_found_among_other_fields_and_absent_means_null()
    {
        byte[] header = [.. HeaderField.Encode(1, "app"u8), .. LauncherDigest.EncodeField(Digest), .. HeaderField.Encode(99, [7])];
        Assert.Equal(Digest, LauncherDigest.FromHeader(header));
        Assert.Null(LauncherDigest.FromHeader(HeaderField.Encode(1, "app"u8)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void A_field_that_is_not_32_bytes_is_a_format_violation(int length)
    {
        var header = HeaderField.Encode(HeaderTags.LauncherDigest, new byte[length]);
        var error = Assert.Throws<FormatViolationException>(() => LauncherDigest.FromHeader(header));
        Assert.Contains($"{length} bytes (expected 32)", error.Message, StringComparison.Ordinal);
    }
}
