using Satchel.Testing;
using Satchel.Testing.Parity;
using Xunit;

namespace Satchel.EndToEnd.Tests.Parity;

/// <summary>
/// A built app's entry runs as the same entry of a venv made by pip: the same `__main__`, the same
/// warnings on every start and in every mode, the same traceback (no Satchel frame), and
/// `sys.argv[0]` the path the user ran. And `-c` finds data scripts and explains what it cannot find.
/// </summary>
public sealed class EntryParityTests(EntryParityFixture fixture) : IClassFixture<EntryParityFixture>, IDisposable
{
    private const string Python = EntryParityFixture.Python;
    private readonly TempDirectory _dir = new("satchel-parityrun");

    // SATCHEL_TEMP stays the default: under a longer directory the venv's interpreter path outgrows a
    // '#!' line, and scripts start with pip's three-line sh form (lines shift by two).
    private Dictionary<string, string?> Env(params (string Key, string? Value)[] extra) => AppEnvironment.For(_dir.Combine("cache"), Python, extra);

    /// <summary>Builds `-c NAME` (or other entry options) into out/NAME, named as the venv's script.</summary>
    private string Build(string name, params string[] entry)
    {
        Directory.CreateDirectory(_dir.Combine("out"));
        Directory.CreateDirectory(_dir.Combine("tmp"));
        var output = _dir.Combine("out", name);
        var result = SatchelCli.Run(["build", "--python", Python, "--no-index", "-f", fixture.Wheels, "oldcli", "-o", output, "-q", .. entry]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    private ProcessResult Normalized(ProcessResult result, string? app, string? script) => result with
    {
        StdOut = OutputNormalizer.Normalize(result.StdOut, fixture.Venv.Path, app, script, _dir.Path),
        StdErr = OutputNormalizer.Normalize(result.StdErr, fixture.Venv.Path, app, script, _dir.Path),
    };

    /// <summary>Every way a start can differ: first start, bytecode written or not, later starts, temp mode.</summary>
    private static IEnumerable<(string Mode, (string, string?)[] Env)> Modes() =>
    [
        ("first start", [("PYTHONDONTWRITEBYTECODE", null)]),
        ("second start", [("PYTHONDONTWRITEBYTECODE", null)]),
        ("third start", [("PYTHONDONTWRITEBYTECODE", null)]),
        ("no bytecode", [("PYTHONDONTWRITEBYTECODE", "1")]),
        ("temp mode", [("SATCHEL_EXTRACT", "temp"), ("PYTHONDONTWRITEBYTECODE", null)]),
        ("temp mode, no bytecode", [("SATCHEL_EXTRACT", "temp"), ("PYTHONDONTWRITEBYTECODE", "1")]),
    ];

    [Theory]
    [InlineData("run")]
    [InlineData("crash")]
    public void A_console_script_warns_and_fails_as_in_a_venv_on_every_start_and_in_every_mode(string argument)
    {
        var app = Build("oldcli", "-c", "oldcli");
        var venv = Normalized(ProcessRunner.Run(Path.Combine(fixture.Venv.Bin, "oldcli"), [argument], Env(("PYTHONDONTWRITEBYTECODE", null))), null, "oldcli");
        Assert.Contains("{script}:5: DeprecationWarning: oldcli.main is deprecated", venv.StdErr);
        Assert.Equal(argument == "crash" ? 1 : 3, venv.ExitCode);

        foreach (var (mode, env) in Modes())
        {
            var satchel = Normalized(ProcessRunner.Run(app, [argument], Env(env)), app, "oldcli");
            Assert.True(venv == satchel, $"{mode}:\n--- venv\n{venv}\n--- satchel\n{satchel}");
        }
    }

    [Fact]
    public void A_module_entry_has_what_python_m_gives_it_but_argv0_is_the_app()
    {
        var app = Build("oldmod", "-m", "oldcli");
        var work = Directory.CreateDirectory(_dir.Combine("work")).FullName;
        var venv = ProcessRunner.Run(Path.Combine(fixture.Venv.Bin, "python"), ["-m", "oldcli", "x"], Env(), workingDirectory: work);
        var satchel = ProcessRunner.Run(app, ["x"], Env(), workingDirectory: work);

        Assert.Equal(0, satchel.ExitCode);
        Assert.Equal($"module argv ['{app}', 'x']\n", satchel.StdOut.Split('\n')[1] + "\n");
        // Everything else as `python -m`: __file__, __package__, __spec__ and sys.path[0] (the working directory).
        Assert.Equal(
            Normalized(venv, null, null).StdOut.Split('\n')[0],
            Normalized(satchel, app, null).StdOut.Split('\n')[0]);
        Assert.Contains($"path0 {work}", satchel.StdOut);
        Assert.Equal(venv.StdErr, satchel.StdErr);
    }

    [Fact]
    public void A_python_data_script_is_found_by_c_and_runs_as_the_venvs_script()
    {
        var app = Build("oldcli-data", "-c", "oldcli-data");
        var venv = Normalized(ProcessRunner.Run(Path.Combine(fixture.Venv.Bin, "oldcli-data"), ["a b"], Env()), null, "oldcli-data");
        Assert.StartsWith("data file {script} name __main__", venv.StdOut);

        foreach (var (mode, env) in Modes())
        {
            var satchel = Normalized(ProcessRunner.Run(app, ["a b"], Env(env)), app, "oldcli-data");
            Assert.True(venv == satchel, $"{mode}:\n--- venv\n{venv}\n--- satchel\n{satchel}");
        }
    }

    [Fact]
    public void A_data_script_of_another_language_runs_as_it_is_with_the_apps_bin_first_on_path()
    {
        var app = Build("oldcli-sh", "-c", "oldcli-sh");
        var result = ProcessRunner.Run(app, ["a", "b c"], Env());
        Assert.True(result.ExitCode == 0, result.ToString());
        // `python` on PATH is the app's: it imports the app's packages.
        Assert.Equal("sh 2 a b c\npython oldcli\n", result.StdOut);
    }

    [Fact]
    public void Satchel_module_and_satchel_script_choose_another_entry_at_run_time()
    {
        var app = Build("oldcli", "-c", "oldcli");
        var module = ProcessRunner.Run(app, ["y"], Env(("SATCHEL_MODULE", "oldcli")));
        Assert.True(module.ExitCode == 0, module.ToString());
        Assert.Contains($"module argv ['{app}', 'y']", module.StdOut);

        var callable = ProcessRunner.Run(app, ["z"], Env(("SATCHEL_MODULE", "oldcli:run")));
        Assert.Equal(3, callable.ExitCode);
        Assert.Contains($"script argv ['{app}', 'z']", callable.StdOut);

        var file = _dir.Write("other.py", "import sys, oldcli\nprint('other', sys.argv, __file__)\n");
        var script = ProcessRunner.Run(app, ["w"], Env(("SATCHEL_SCRIPT", file)));
        Assert.True(script.ExitCode == 0, script.ToString());
        Assert.Equal($"other ['{app}', 'w'] {file}\n", script.StdOut);
    }

    [Fact]
    public void A_script_name_two_distributions_provide_is_refused_naming_both_before_anything_is_written()
    {
        var output = _dir.Combine("out", "ambiguous");
        Directory.CreateDirectory(_dir.Combine("out"));
        var result = SatchelCli.Run(["build", "--python", Python, "--no-index", "-f", fixture.Wheels, "oldcli", "twin", "-c", "oldcli-data", "-o", output, "-q"]);

        Assert.Equal(64, result.ExitCode);
        Assert.StartsWith("satchel: ", result.StdErr);
        Assert.Contains("oldcli 1.0", result.StdErr);
        Assert.Contains("twin 2.0", result.StdErr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void No_such_script_lists_the_named_distributions_scripts_and_suggests_m_for_a_module_of_that_name()
    {
        var output = _dir.Combine("out", "missing");
        Directory.CreateDirectory(_dir.Combine("out"));
        var result = SatchelCli.Run(["build", "--python", Python, "--no-index", "-f", fixture.Wheels, "oldcli", "-c", "oldcli_", "-o", output, "-q"]);
        Assert.Equal(64, result.ExitCode);
        Assert.Contains("oldcli: oldcli, oldcli-data, oldcli-sh", result.StdErr);
        Assert.DoesNotContain("-m oldcli", result.StdErr);

        var module = SatchelCli.Run(["build", "--python", Python, "--no-index", "-f", fixture.Wheels, "twin", "-c", "twin", "-o", output, "-q"]);
        Assert.Equal(64, module.ExitCode);
        Assert.Contains("twin: oldcli-data", module.StdErr);
        Assert.Contains("use -m twin", module.StdErr);
        Assert.False(File.Exists(output));
    }

    public void Dispose() => _dir.Dispose();
}
