using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Safety;

/// <summary>
/// `-m MODULE[:FUNC]` and `--script` are checked after installation and before compression,
/// without running the app's code: a typo is exit 64 and no output file, not an app that fails
/// on every run.
/// </summary>
public sealed class EntryCheckTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-entrycheck");

    public EntryCheckTests()
    {
        // Any import of hello would leave this marker: the check must not run app code.
        _dir.Write("src/hello.py", $$"""
            import os as operating
            from os.path import join as joined
            open({{PythonLiteral(Marker)}}, "w").close()
            x = 1
            if x:
                def alt():
                    pass
            class K:
                def inner(self):
                    pass
            def main():
                print("hello")
            """);
        _dir.Write("src/pkg/__init__.py", "");
        _dir.Write("src/pkg/__main__.py", "print('pkg')\n");
        _dir.Write("src/pkg/inner.py", "def run():\n    pass\n");
        _dir.Write("src/nomain/__init__.py", "def run():\n    pass\n");
        _dir.Write("src/ns/sub/mod.py", "def run():\n    pass\n");
        _dir.Write("src/lazy.py", "def __getattr__(name):\n    return name\n");
        _dir.Write("src/star.py", "from os.path import *\n");
        _dir.Write("src/broken.py", "def main(:\n    pass\n");
        _dir.Write("src/badmain/__init__.py", "");
        _dir.Write("src/badmain/__main__.py", "x = (\n");
        _dir.Write("bad.py", "print('unclosed'\n");
        _dir.Write("returns.py", "return 1\n");
    }

    private string Marker => _dir.Combine("imported");

    private string Output => _dir.Combine("app");

    private static string PythonLiteral(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private ProcessResult Build(params string[] entry) =>
        SatchelCli.Run(["build", "--python", RealPythons.Python311, "--sources", _dir.Combine("src"), "-o", Output, "-q", "--verbose", .. entry]);

    [Theory]
    [InlineData("-m", "nosuchmodule", "nosuchmodule")]
    [InlineData("-m", "hello:mian", "mian")]
    [InlineData("-m", "hello.sub", "hello.sub")]
    [InlineData("-m", "pkg.nothere", "pkg.nothere")]
    [InlineData("-m", "nomain", "__main__")]
    [InlineData("-m", "ns:run", "namespace")]
    [InlineData("-m", "broken:main", "compile")]
    [InlineData("-m", "broken", "compile")]
    [InlineData("-m", "badmain", "__main__.py does not compile")]
    [InlineData("-m", "hello:inner", "inner")]
    [InlineData("--script", "bad.py", "compile")]
    [InlineData("--script", "returns.py", "compile")]
    public void A_wrong_entry_fails_the_build_with_no_output(string option, string value, string expected)
    {
        var result = Build(option, option == "--script" ? _dir.Combine(value) : value);

        Assert.True(result.ExitCode == 64, result.ToString());
        var last = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        Assert.StartsWith("satchel: ", last, StringComparison.Ordinal);
        Assert.Contains(expected, last, StringComparison.Ordinal);
        Assert.False(File.Exists(Output));
        Assert.False(File.Exists(Marker), "the check imported the app's module");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path, "app*"));
    }

    [Theory]
    [InlineData("hello", null)]
    [InlineData("hello:main", null)]
    [InlineData("hello:alt", null)]
    [InlineData("hello:K", null)]
    [InlineData("hello:operating", null)]
    [InlineData("hello:joined", null)]
    [InlineData("hello:x", null)]
    [InlineData("pkg", null)]
    [InlineData("pkg.inner:run", null)]
    [InlineData("ns.sub.mod:run", null)]
    [InlineData("lazy:anything", "not checked")]
    [InlineData("star:join", "not checked")]
    [InlineData("json.tool", "standard library")]
    [InlineData("http.server", "standard library")]
    [InlineData("json.tool:main", "standard library")]
    public void A_right_entry_builds_without_running_app_code(string module, string? verboseLine)
    {
        var result = Build("-m", module);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Output));
        Assert.False(File.Exists(Marker), "the check imported the app's module");
        Assert.Contains("entry check: ", result.StdErr, StringComparison.Ordinal);
        if (verboseLine is not null)
        {
            Assert.Contains(verboseLine, result.StdErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_sources_dist_info_with_a_script_line_that_is_not_module_colon_attr_fails_the_build_with_no_output()
    {
        var entryPoints = _dir.Write("src/tool-1.0.dist-info/entry_points.txt", "[console_scripts]\ntool = hello\n");

        var result = Build("-m", "hello");

        Assert.True(result.ExitCode == 65, result.ToString());
        var last = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        Assert.StartsWith($"satchel: {entryPoints}: entry_points.txt [console_scripts] has a line that is not 'name = module:attr': 'tool = hello'", last, StringComparison.Ordinal);
        Assert.Contains("--exclude", last, StringComparison.Ordinal);
        Assert.False(File.Exists(Output));
    }

    [Fact]
    public void A_sources_dist_infos_console_script_is_in_the_apps_venv()
    {
        _dir.Write("src/tool-1.0.dist-info/entry_points.txt", "[console_scripts]\ntool = hello:main\n");
        var build = Build("-m", "hello");
        Assert.True(build.ExitCode == 0, build.ToString());
        var env = new Dictionary<string, string?>
        {
            ["SATCHEL_ROOT"] = _dir.Combine("cache"), ["SATCHEL_PYTHON"] = RealPythons.Python311, ["SATCHEL_INTERPRETER"] = "1", ["SATCHEL_VERBOSE"] = null,
        };

        var run = ProcessRunner.Run(Output, ["-c", "import os, subprocess, sys; print(subprocess.run([os.path.join(sys.prefix, 'bin', 'tool')]).returncode)"], env);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("hello\n0\n", run.StdOut);
    }

    public void Dispose() => _dir.Dispose();
}
