using Satchel.Cli.Commands;
using Xunit;

namespace Satchel.EndToEnd.Tests.Build;

/// <summary>A stage's counts read as English: one of a thing in the singular, the rest in the plural.</summary>
public sealed class StageTallyTests
{
    [Theory]
    [InlineData("distributions found", null, 1, "1 distribution found")]
    [InlineData("distributions found", null, 2, "2 distributions found")]
    [InlineData("distributions found", null, 0, "0 distributions found")]
    [InlineData("wheels", 1L, 1, "1 wheel")]
    [InlineData("wheels", 3L, 1, "1/3 wheels")]
    [InlineData("wheels", 3L, 3, "3 wheels")]
    public void One_is_counted_in_the_singular(string counting, long? total, long done, string expected)
    {
        var tally = new StageTally("stage", counting, total, null);
        tally.Add(done, 0);
        Assert.Equal(expected, tally.Counts());
    }
}
