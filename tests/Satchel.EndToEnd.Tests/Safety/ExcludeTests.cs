using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Safety;

/// <summary>
/// What `--sources` and `pack` leave out: version control and Satchel's outputs always, bytecode
/// and virtual environments for --sources only, and `--exclude` patterns with gitignore's rules.
/// </summary>
public sealed class ExcludeTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-exclude");

    public ExcludeTests()
    {
        foreach (var file in new[]
        {
            "hello.py", "pkg/__init__.py", "pkg/mod.py", "pkg/__pycache__/mod.cpython-311.pyc", "stray.pyc",
            ".git/HEAD", ".hg/store", ".svn/entries", "venv/pyvenv.cfg", "venv/lib/site.py",
            "build/out.txt", "pkg/build/kept-as-file-parent.txt", "notes.log", "pkg/deep/trace.log", "top.txt", "pkg/top.txt",
            "docs/a/b/guide.md", "docs/readme.md", "docs/keep.txt", "old.satchel-build/junk",
        })
        {
            _dir.Write("tree/" + file, "x\n");
        }

        _dir.Write("tree/run.sh", "#!/bin/sh\necho packed\n", executable: true);
    }

    private List<string> Extracted(string app)
    {
        var tree = _dir.Combine("extracted-" + Path.GetFileName(app));
        var result = SatchelCli.Run(["extract", app, tree]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var root = Path.Combine(tree, "app");
        return [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void Sources_leave_out_defaults_and_gitignore_style_patterns()
    {
        var app = _dir.Combine("app");
        var result = SatchelCli.Run(
        [
            "build", "--python", RealPythons.Python311, "--sources", _dir.Combine("tree"), "-m", "hello", "-o", app, "--verbose",
            "--exclude", "build/", "--exclude", "*.log", "--exclude", "/top.txt", "--exclude", "docs/**/*.md", "--exclude", "run.sh",
        ]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["site/docs/keep.txt", "site/hello.py", "site/pkg/__init__.py", "site/pkg/mod.py", "site/pkg/top.txt"],
            Extracted(app));
        Assert.Contains("excluded " + _dir.Combine("tree", ".git") + "/: version control", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("excluded " + _dir.Combine("tree", "notes.log") + ": --exclude *.log", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_keeps_bytecode_and_venvs_but_leaves_out_version_control_and_patterns()
    {
        var app = _dir.Combine("packed");
        var result = SatchelCli.Run(["pack", _dir.Combine("tree"), "--entry", "run.sh", "-o", app, "-q", "--exclude", "docs/", "--exclude", "**/trace.log"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var files = Extracted(app);
        Assert.Contains("pkg/__pycache__/mod.cpython-311.pyc", files);
        Assert.Contains("stray.pyc", files);
        Assert.Contains("venv/pyvenv.cfg", files);
        Assert.Contains("notes.log", files);
        Assert.DoesNotContain(files, f => f.StartsWith(".git/", StringComparison.Ordinal) || f.StartsWith(".hg/", StringComparison.Ordinal) || f.StartsWith(".svn/", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.StartsWith("docs/", StringComparison.Ordinal) || f.Contains("satchel-build", StringComparison.Ordinal));
        Assert.DoesNotContain("pkg/deep/trace.log", files);
    }

    [Fact]
    public void A_negated_pattern_is_refused_before_any_work()
    {
        var result = SatchelCli.Run(["pack", _dir.Combine("tree"), "--entry", "run.sh", "-o", _dir.Combine("packed"), "--exclude", "!keep"]);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.False(File.Exists(_dir.Combine("packed")));
    }

    public void Dispose() => _dir.Dispose();
}
