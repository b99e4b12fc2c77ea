using Satchel.EndToEnd.Tests.Build;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Tools;

/// <summary>`satchel extract` and `satchel venv` (and the app's own `extract`/`venv` tools): trees and venvs that work without satchel.</summary>
public sealed class ExtractAndVenvTests(PythonAppFixture fixture) : IClassFixture<PythonAppFixture>, IDisposable
{
    private readonly ToolsSandbox _box = new();

    private string BuildFlaskApp()
    {
        _box.Write("py/greeter.py", """
            import sys
            import flask, markupsafe

            def main():
                print("greeter", flask.Flask.__name__, markupsafe.escape("<ok>"), " ".join(sys.argv[1:]))
                return 0

            if __name__ == "__main__":
                sys.exit(main())
            """);
        var app = _box.Combine("greeter");
        var build = SatchelCli.Run(["build", "--python", PythonAppFixture.Python311, "--no-index", "-f", fixture.Wheels, "-o", app,
            "flask", "--sources", _box.Combine("py"), "-m", "greeter", "-q"]);
        Assert.True(build.ExitCode == 0, build.ToString());
        return app;
    }

    private static Dictionary<string, string?> WithoutSatchel(string root) => new()
    {
        ["SATCHEL_ROOT"] = root, // a path that no longer exists: nothing may come from the cache
        ["PYTHONPATH"] = null,
        ["PATH"] = "/usr/bin:/bin",
    };

    [Fact]
    public void Venv_holds_the_app_and_its_console_scripts_and_runs_without_satchel_or_its_cache()
    {
        var app = BuildFlaskApp();
        var venv = _box.Combine("venv");
        var made = SatchelCli.Run(["venv", app, venv], _box.Env(("SATCHEL_PYTHON", PythonAppFixture.Python311)));
        Assert.True(made.ExitCode == 0, made.ToString());
        Assert.True(File.Exists(Path.Combine(venv, "pyvenv.cfg")));
        Assert.True(File.Exists(Path.Combine(venv, "bin", "activate")));

        // Satchel's cache is gone: the venv must not need it.
        Directory.Delete(_box.Root, recursive: true);
        var env = WithoutSatchel(_box.Root);

        var entry = ProcessRunner.Run(Path.Combine(venv, "bin", "greeter"), ["a", "b"], env);
        Assert.True(entry.ExitCode == 0, entry.ToString());
        Assert.Contains("greeter Flask &lt;ok&gt; a b", entry.StdOut);

        // flask's own console script, from its entry points.
        var flask = ProcessRunner.Run(Path.Combine(venv, "bin", "flask"), ["--version"], env);
        Assert.True(flask.ExitCode == 0, flask.ToString());
        Assert.Contains("Flask", flask.StdOut);

        // The venv's python imports the distributions from its own site-packages.
        var python = ProcessRunner.Run(Path.Combine(venv, "bin", "python"), ["-c", "import flask, greeter; print(flask.__file__); print(greeter.__file__)"], env);
        Assert.True(python.ExitCode == 0, python.ToString());
        Assert.All(python.StdOut.Trim().Split('\n'), line => Assert.StartsWith(venv + "/", line));
        Assert.False(Directory.Exists(_box.Root));
    }

    [Fact]
    public void The_app_makes_its_own_venv_with_SATCHEL_TOOLS()
    {
        var app = BuildFlaskApp();
        var venv = _box.Combine("own-venv");
        var made = _box.Run(app, ["venv", venv], ("SATCHEL_TOOLS", "1"), ("SATCHEL_PYTHON", PythonAppFixture.Python311));
        Assert.True(made.ExitCode == 0, made.ToString());
        var entry = ProcessRunner.Run(Path.Combine(venv, "bin", "greeter"), ["x"], WithoutSatchel(_box.Combine("no-cache")));
        Assert.True(entry.ExitCode == 0, entry.ToString());
        Assert.Contains("greeter Flask &lt;ok&gt; x", entry.StdOut);
    }

    [Fact]
    public void Venv_refuses_an_existing_non_empty_directory_and_a_packed_app()
    {
        var existing = _box.Write("taken/file.txt", "x");
        _box.Write("src/run.sh", "#!/bin/sh\necho hi\n", executable: true);
        var packed = _box.Pack("src", "run.sh", "packed");
        var notPython = SatchelCli.Run(["venv", packed, _box.Combine("v1")], _box.Env());
        Assert.Equal(64, notPython.ExitCode);
        Assert.Contains("not a Python app", notPython.StdErr);
        Assert.False(Directory.Exists(_box.Combine("v1")));

        var taken = SatchelCli.Run(["extract", packed, Path.GetDirectoryName(existing)!], _box.Env());
        Assert.Equal(73, taken.ExitCode);
        Assert.Contains("not an empty directory", taken.StdErr);
    }

    [Fact]
    public void Extract_writes_every_unit_as_a_plain_tree_with_the_index_modes()
    {
        var app = BuildFlaskApp();
        var tree = _box.Combine("tree");
        var result = SatchelCli.Run(["extract", app, tree], _box.Env());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(tree, "app", "site", "greeter.py")));
        var flaskDir = Assert.Single(Directory.GetDirectories(Path.Combine(tree, "wheels")),
            d => Path.GetFileName(d).StartsWith("flask-", StringComparison.OrdinalIgnoreCase));
        Assert.True(File.Exists(Path.Combine(flaskDir, "site-packages", "flask", "__init__.py")));
        Assert.Equal(PythonAppFixture.FlaskSet.Length, Directory.GetDirectories(Path.Combine(tree, "wheels")).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(Path.Combine(tree, "app", "site", "greeter.py")));
        Assert.Empty(Directory.GetDirectories(_box.Combine(), "tree.satchel-work-*"));

        // The app's own extract gives the same tree.
        var own = _box.Combine("own-tree");
        var ownResult = _box.Run(app, ["extract", own], ("SATCHEL_TOOLS", "1"));
        Assert.True(ownResult.ExitCode == 0, ownResult.ToString());
        Assert.Equal(
            Directory.GetFiles(tree, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(tree, f)).Order(),
            Directory.GetFiles(own, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(own, f)).Order());
    }

    public void Dispose() => _box.Dispose();
}
