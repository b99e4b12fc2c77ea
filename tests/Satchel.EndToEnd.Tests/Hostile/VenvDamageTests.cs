using Satchel.Testing;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.Hostile;

/// <summary>
/// A venv that lost files while its completion marker stayed (temp cleaners, a stray rm): the
/// app still runs with the same arguments, because the boot script has the launcher assemble
/// the venv anew; damage that a rebuild does not mend is one clear error.
/// </summary>
public sealed class VenvDamageTests : IDisposable
{
    private const string Python = InstalledDistributionWheels.DefaultInterpreter;
    private readonly TempDirectory _dir = new("satchel-venvdamage");

    private Dictionary<string, string?> Env(params (string Key, string? Value)[] extra)
    {
        var env = new Dictionary<string, string?> { ["SATCHEL_ROOT"] = _dir.Combine("cache"), ["SATCHEL_PYTHON"] = Python, ["SATCHEL_VERBOSE"] = null };
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }

        return env;
    }

    private string BuildApp()
    {
        _dir.Write("src/show.py", "import sys\nprint(sys.prefix != sys.base_prefix, sys.argv[1:])\n");
        var output = _dir.Combine("show");
        var result = SatchelCli.Run(["build", "--python", Python, "--no-index", "--sources", _dir.Combine("src"), "-m", "show",
            "--inject-args", "injected", "-o", output, "-q"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    private string Venv() => Assert.Single(Directory.GetDirectories(_dir.Combine("cache", "v1", "venvs")));

    [Theory]
    [InlineData("pyvenv.cfg")]
    [InlineData("lib/python3.11/site-packages/_satchel.pth")]
    public void A_venv_that_lost_a_file_is_assembled_anew_and_the_app_runs_with_its_arguments(string lost)
    {
        var app = BuildApp();
        Assert.Equal("True ['injected', 'a b']\n", ProcessRunner.Run(app, ["a b"], Env()).StdOut);
        var venv = Venv();
        File.Delete(Path.Combine(venv, lost));

        var repaired = ProcessRunner.Run(app, ["a b"], Env());

        Assert.True(repaired.ExitCode == 0, repaired.ToString());
        Assert.Equal("True ['injected', 'a b']\n", repaired.StdOut);
        Assert.True(File.Exists(Path.Combine(Venv(), lost)), $"{lost} was not written again");
        Assert.Equal("True ['injected', 'c']\n", ProcessRunner.Run(app, ["c"], Env()).StdOut);
    }

    [Fact]
    public void Damage_that_survives_one_rebuild_is_one_clear_error()
    {
        var app = BuildApp();
        ProcessRunner.Run(app, [], Env());
        var venv = Venv();
        File.Delete(Path.Combine(venv, "pyvenv.cfg"));

        // As if this start were already the one after a rebuild.
        var result = ProcessRunner.Run(app, [], Env(("SATCHEL_VENV_REPAIR", "1")));

        Assert.Equal(69, result.ExitCode);
        Assert.Equal($"satchel: the app's Python environment {venv} is damaged (its pyvenv.cfg is missing) and could not be repaired; remove that directory and run the app again\n", result.StdErr);
        Assert.Equal("", result.StdOut);
    }

    public void Dispose() => _dir.Dispose();
}
