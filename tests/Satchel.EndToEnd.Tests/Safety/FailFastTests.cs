using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Safety;

/// <summary>
/// What can be checked without pip is checked first: each case names a build interpreter that
/// does not exist, so a check made after the interpreter search would end in exit 69, not 64.
/// Every refusal is one line in the user's terms, with the closest known name for a typo.
/// </summary>
public sealed class FailFastTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-failfast");

    private string Output => _dir.Combine("app");

    private string Missing => _dir.Combine("no-such-python");

    public static TheoryData<string[], string> Mistakes => new()
    {
        { ["buidl"], "`build`" },
        { ["inspect", "--jsn", "app"], "`--json`" },
        { ["cache", "lst"], "`list`" },
        { ["build", "--no-idnex", "flask", "-m", "x"], "`--no-index`" },
        { ["build", "-m", "a", "-c", "b"], "-m a and -c b" },
        { ["build", "-m", "hello:mian:x"], "hello:mian:x" },
        { ["build", "-m", "x", "--compression-level", "99"], "--compression-level 99" },
        { ["build", "-m", "x", "--compression-level", "abc"], "--compression-level 'abc' is not a whole number" },
        { ["build", "-m", "x", "--interpreter-constraint", ">=banana"], ">=banana" },
        { ["build", "flask", "--lock", "pylock.toml", "-m", "x"], "--lock" },
        { ["build", "--script", "."], "--script . is a directory" },
        { ["pack", ".", "--entry", "run.sh", "--compression-level", "12"], "--compression-level 12" },
        // An option of a command given before it: named as the root's ("`satchel`", no stray space) and placed.
        { ["--launcher", "x"], "unknown option '--launcher' for `satchel` (--launcher is an option of `satchel pack`, `satchel build`: put it after the command)" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_is_one_line_before_any_work(string[] args, string expected)
    {
        string[] full = args[0] is "build" or "pack" ? [.. args, "-o", Output, .. args[0] == "build" ? ["--python", Missing] : Array.Empty<string>()] : args;

        var result = SatchelCli.Run(full, workingDirectory: _dir.Path);

        Assert.True(result.ExitCode == 64, result.ToString());
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("satchel: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Output));
    }

    [Fact]
    public void A_python_that_is_a_directory_or_not_a_program_is_one_line_in_the_systems_words()
    {
        var directory = _dir.Combine("pydir");
        Directory.CreateDirectory(directory);
        var inDirectory = SatchelCli.Run(["build", "--python", directory, "flask", "-m", "x", "-o", Output], workingDirectory: _dir.Path);
        Assert.True(inDirectory.ExitCode == 64, inDirectory.ToString());
        Assert.Equal($"satchel: --python {directory} is a directory; pass the path of a Python interpreter in it, e.g. {Path.Combine(directory, "python3")}",
            Assert.Single(inDirectory.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        // An executable text file without "#!": execve says ENOEXEC; the line says so in the system's
        // words, not in .NET's sentence about starting a process in a working directory.
        _dir.Write("notpython", "just text\n", executable: true);
        var notProgram = SatchelCli.Run(["build", "--python", _dir.Combine("notpython"), "flask", "-m", "x", "-o", Output], workingDirectory: _dir.Path);
        Assert.True(notProgram.ExitCode == 69, notProgram.ToString());
        Assert.Equal($"satchel: cannot run {_dir.Combine("notpython")}: Exec format error; check the path or pass --python PATH",
            Assert.Single(notProgram.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(File.Exists(Output));
    }

    [Theory]
    [InlineData("build")]
    [InlineData("pack")]
    [InlineData("lock")]
    [InlineData("inspect")]
    [InlineData("verify")]
    [InlineData("extract")]
    [InlineData("venv")]
    [InlineData("cache")]
    [InlineData("cache", "info")]
    [InlineData("cache", "list")]
    [InlineData("cache", "prune")]
    [InlineData("interpreters")]
    public void Every_help_shows_an_example_and_help_cmd_works(params string[] command)
    {
        var viaOption = SatchelCli.Run([.. command, "--help"]);
        var viaHelp = SatchelCli.Run(["help", .. command]);

        Assert.True(viaOption.ExitCode == 0, viaOption.ToString());
        Assert.Contains($"Example: satchel {string.Join(' ', command)}", viaOption.StdOut, StringComparison.Ordinal);
        Assert.True(viaHelp.ExitCode == 0, viaHelp.ToString());
        Assert.Equal(viaOption.StdOut, viaHelp.StdOut);
    }

    [Fact]
    public void A_hanging_build_interpreter_is_stopped_after_the_probe_timeout()
    {
        var hanging = _dir.Write("hanging-python", "#!/bin/sh\nexec sleep 1000\n", executable: true);
        _dir.Write("s.py", "print('x')\n");

        var result = SatchelCli.Run(["build", "--python", hanging, "--script", _dir.Combine("s.py"), "-o", Output],
            new Dictionary<string, string?> { ["SATCHEL_PROBE_TIMEOUT"] = "2" });

        Assert.True(result.ExitCode == 75, result.ToString());
        Assert.Contains("SATCHEL_PROBE_TIMEOUT", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(["hanging-python", "s.py"], Directory.EnumerateFileSystemEntries(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_project_with_two_scripts_and_no_entry_names_them_before_pip()
    {
        _dir.Write("proj/pyproject.toml", "[project]\nname = \"two\"\nversion = \"1\"\n\n[project.scripts]\nalpha = \"two:a\"\nbeta = \"two:b\"\n");
        _dir.Write("proj/two.py", "def a(): pass\ndef b(): pass\n");

        var result = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--no-index", _dir.Combine("proj"), "-o", Output]);

        Assert.True(result.ExitCode == 64, result.ToString());
        var last = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        Assert.Contains("alpha, beta", last, StringComparison.Ordinal);
        Assert.Contains("-c NAME", last, StringComparison.Ordinal);
        Assert.DoesNotContain("resolving", result.StdErr, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
