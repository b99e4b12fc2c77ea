using Satchel.Runtime.Python;
using Satchel.Testing;
using Xunit;

namespace Satchel.Runtime.Tests.Python;

public sealed class SitePathFileTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-pth");

    [Fact]
    public void Plain_directories_are_plain_lines_in_order_and_only_a_directory_with_pth_files_is_run_through_addsitedir()
    {
        var a = _dir.Combine("a");
        var b = _dir.Combine("b");
        var c = _dir.Combine("c");
        _dir.Write("b/tool.pth", "extra\n");
        _dir.Write("c/.hidden.pth", "ignored by site\n");
        Assert.Equal($"{a}\n{b}\n{c}\nimport site; site.addsitedir('{b}')\n", SitePathFile.Render([a, b, c]));
    }

    [Theory]
    [InlineData("/r/é/site")]
    [InlineData("/r/x /site ")]
    [InlineData("#/r/site")]
    [InlineData("import os")]
    [InlineData("/r/line\nbreak")]
    public void A_path_site_would_read_back_differently_is_appended_by_a_statement_in_its_place(string dir)
    {
        Assert.False(SitePathFile.IsPlainLineSafe(dir));
        var literal = PythonLiteral.Of(dir);
        Assert.Equal($"/a\nimport sys; {literal} in sys.path or sys.path.append({literal})\n/b\n", SitePathFile.Render(["/a", dir, "/b"]));
    }

    [Fact]
    public void An_app_without_directories_gets_an_empty_file() => Assert.Equal(string.Empty, SitePathFile.Render([]));

    public void Dispose() => _dir.Dispose();
}
