using Satchel.Testing;
using Satchel.Testing.Faults;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.Hostile;

/// <summary>
/// A venv that lost files while its completion marker stayed (temp cleaners, a stray rm): the
/// launcher notices before it starts Python and repairs the venv, so the app still runs with the
/// same arguments; damage that a repair does not mend is one clear error.
/// </summary>
public sealed class VenvDamageTests : IDisposable
{
    private const string Python = InstalledDistributionWheels.DefaultInterpreter;
    private readonly TempDirectory _dir = new("satchel-venvdamage");

    private Dictionary<string, string?> Env(params (string Key, string? Value)[] extra) => AppEnvironment.For(_dir.Combine("cache"), Python, extra);

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
    [InlineData("lib/python3.11/site-packages/_satchel_start.py")]
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

    [RootFact]
    public void Damage_that_a_repair_cannot_mend_is_one_clear_error()
    {
        var app = BuildApp();
        ProcessRunner.Run(app, [], Env());
        var venv = Venv();
        File.Delete(Path.Combine(venv, "pyvenv.cfg"));
        ImmutableFlag.Set(venv); // nothing can be created in it any more, not even by root

        try
        {
            var result = ProcessRunner.Run(app, [], Env());

            Assert.NotEqual(0, result.ExitCode);
            Assert.StartsWith("satchel: ", result.StdErr);
            Assert.Single(result.StdErr.TrimEnd('\n').Split('\n'));
            Assert.Contains(venv, result.StdErr);
            Assert.Equal("", result.StdOut);
        }
        finally
        {
            ImmutableFlag.ClearUnder(_dir.Path);
        }
    }

    public void Dispose()
    {
        ImmutableFlag.ClearUnder(_dir.Path);
        _dir.Dispose();
    }
}
