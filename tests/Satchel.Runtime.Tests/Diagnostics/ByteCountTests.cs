using Satchel.Runtime.Diagnostics;
using Xunit;

namespace Satchel.Runtime.Tests.Diagnostics;

public sealed class ByteCountTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1.0 KiB")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(1024 * 1024 - 1, "1024.0 KiB")]
    [InlineData(1024 * 1024, "1.0 MiB")]
    [InlineData(5L * 1024 * 1024 * 1024 + 512L * 1024 * 1024, "5.5 GiB")]
    public void Byte_counts_read_like_the_floating_point_format_did(long bytes, string expected) =>
        Assert.Equal(expected, ByteCount.Human(bytes));
}
