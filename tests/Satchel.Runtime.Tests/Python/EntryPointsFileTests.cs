using Satchel.Runtime.Format;
using Satchel.Runtime.Python;
using Xunit;

namespace Satchel.Runtime.Tests.Python;

/// <summary>The one entry_points.txt reader, for wheels and `--sources` dist-infos at build time and the venv at run time.</summary>
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
            ünï = pâckage._x9:Main_2

            [gui_scripts]
            viewer = pkg.gui:start

            [flask.commands]
            routes = flask.cli:routes_command
            this line is not an entry point at all
            """;

        var scripts = EntryPointsFile.ParseScripts(text);

        Assert.Equal(
            ["console_scripts flask = flask.cli:main []", "console_scripts tool = pkg.sub.mod:cli.run [fancy,color]", "console_scripts ünï = pâckage._x9:Main_2 []", "gui_scripts viewer = pkg.gui:start []"],
            scripts.Select(s => $"{s.Group} {s} [{string.Join(',', s.Extras)}]"));
    }

    [Theory]
    [InlineData("tool = pkg.mod", "not 'name = module:attr'")]
    [InlineData("tool = pkg.mod:", "not 'name = module:attr'")]
    [InlineData("tool = :main", "not 'name = module:attr'")]
    [InlineData("tool = pkg mod:main", "not 'name = module:attr'")]
    [InlineData("tool = pkg..mod:main", "not 'name = module:attr'")]
    [InlineData("tool = pkg.mod:main.", "not 'name = module:attr'")]
    [InlineData("tool = pkg:main [extra", "not 'name = module:attr'")]
    [InlineData("tool = pkg:main [extra] trailing", "not 'name = module:attr'")]
    [InlineData("tool = pkg-x:main", "not 'name = module:attr'")]
    [InlineData("= pkg:main", "not 'name = module:attr'")]
    [InlineData("../evil = pkg:main", "not a plain file name")]
    [InlineData("a/b = pkg:main", "not a plain file name")]
    [InlineData("a\\b = pkg:main", "not a plain file name")]
    [InlineData(".. = pkg:main", "not a plain file name")]
    [InlineData(". = pkg:main", "not a plain file name")]
    [InlineData("a\u0007b = pkg:main", "not a plain file name")]
    [InlineData("tool = pkg:main\ntool = pkg:other", "twice")]
    public void Script_lines_that_cannot_become_safe_scripts_are_refused(string lines, string reason)
    {
        var e = Assert.Throws<FormatViolationException>(() => EntryPointsFile.ParseScripts("[console_scripts]\n" + lines + "\n"));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0007', e.Message);
    }

    [Fact]
    public void A_gui_script_with_the_name_of_a_console_script_is_defined_twice()
    {
        var e = Assert.Throws<FormatViolationException>(() => EntryPointsFile.ParseScripts("[console_scripts]\nx = a:b\n[gui_scripts]\nx = a:c\n"));

        Assert.Equal("entry_points.txt defines script 'x' twice", e.Message);
    }
}
