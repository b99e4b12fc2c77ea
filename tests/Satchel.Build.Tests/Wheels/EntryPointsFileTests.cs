using Satchel.Build.Wheels;
using Xunit;

namespace Satchel.Build.Tests.Wheels;

public sealed class EntryPointsFileTests
{
    [Fact]
    public void Console_and_gui_scripts_are_read_with_dotted_attributes_and_extras_and_other_groups_ignored()
    {
        const string text = """
            # a comment
            [console_scripts]
            flask = flask.cli:main
            tool=pkg.sub.mod : cli.run [fancy, color]

            [gui_scripts]
            viewer = pkg.gui:start

            [flask.commands]
            routes = flask.cli:routes_command
            this line is not an entry point at all
            """;
        var scripts = EntryPointsFile.ParseScripts("w.whl", "m", text);
        Assert.Equal(
        [
            new EntryPoint("console_scripts", "flask", "flask.cli", "main", []),
            new EntryPoint("console_scripts", "tool", "pkg.sub.mod", "cli.run", ["fancy", "color"]),
            new EntryPoint("gui_scripts", "viewer", "pkg.gui", "start", []),
        ], scripts, new EntryPointComparer());
    }

    [Theory]
    [InlineData("tool = pkg.mod", "not 'name = module:attr'")]
    [InlineData("tool = pkg.mod:", "not 'name = module:attr'")]
    [InlineData("tool = pkg mod:main", "not 'name = module:attr'")]
    [InlineData("../evil = pkg:main", "not a plain file name")]
    [InlineData("a/b = pkg:main", "not a plain file name")]
    [InlineData(".. = pkg:main", "not a plain file name")]
    [InlineData("tool = pkg:main\ntool = pkg:other", "twice")]
    public void Script_lines_that_cannot_become_safe_scripts_refuse_the_wheel(string lines, string reason)
    {
        var e = Assert.Throws<InvalidWheelException>(() => EntryPointsFile.ParseScripts("w.whl", "pkg-1.0.dist-info/entry_points.txt", "[console_scripts]\n" + lines + "\n"));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Equal("pkg-1.0.dist-info/entry_points.txt", e.Member);
    }

    private sealed class EntryPointComparer : IEqualityComparer<EntryPoint>
    {
        public bool Equals(EntryPoint? x, EntryPoint? y) =>
            x is not null && y is not null && x.ToString() == y.ToString() && x.Group == y.Group && x.Extras.SequenceEqual(y.Extras);

        public int GetHashCode(EntryPoint obj) => obj.ToString().GetHashCode(StringComparison.Ordinal);
    }
}
