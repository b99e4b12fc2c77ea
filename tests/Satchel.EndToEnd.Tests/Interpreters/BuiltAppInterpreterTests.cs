using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Interpreters;

/// <summary>A Python app built with `satchel build` chooses its interpreter at run time, in a controlled PATH.</summary>
public sealed class BuiltAppInterpreterTests : IDisposable
{
    private readonly InterpreterSandbox _sandbox = new();

    private TempDirectory Dir => _sandbox.Dir;

    private string Build(string constraint)
    {
        Dir.Write("src/hello.py", "import sys\nprint('%d.%d.%d' % sys.version_info[:3])\n");
        var output = Dir.Combine("hello");
        var built = SatchelCli.Run(["build", "--sources", Dir.Combine("src"), "-m", "hello", "--no-index",
            "--python", RealPythons.Python311, "--interpreter-constraint", constraint, "-q", "-o", output]);
        Assert.True(built.ExitCode == 0, built.ToString());
        return output;
    }

    [Fact]
    public void The_app_runs_on_the_first_interpreter_that_matches_and_remembers_it()
    {
        var app = Build(">=3.12");
        var path = _sandbox.PathWith("3.11.7", "3.12.1");

        var first = ProcessRunner.Run(app, [], _sandbox.Environment(path));
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("3.12.1\n", first.StdOut);

        var again = ProcessRunner.Run(app, [], new Dictionary<string, string?>(_sandbox.Environment(path)) { ["SATCHEL_VERBOSE"] = "1" });
        Assert.Equal("3.12.1\n", again.StdOut);
        Assert.Contains($"interpreter {RealPythons.Python312} (3.12.1) remembered for '>=3.12'", again.StdErr);
        Assert.DoesNotContain("probing", again.StdErr);
    }

    [Fact]
    public void No_matching_interpreter_ends_the_launch_with_69_and_the_list()
    {
        var app = Build(">=3.12");

        var result = ProcessRunner.Run(app, [], _sandbox.Environment(_sandbox.PathWith("3.10.13", "3.11.7")));

        Assert.Equal(69, result.ExitCode);
        Assert.StartsWith("satchel: no Python interpreter matches >=3.12; tried [1] ", result.StdErr);
        Assert.Contains("3.11.7 does not satisfy >=3.12", result.StdErr);
        Assert.Contains("3.10.13 does not satisfy >=3.12", result.StdErr);
        Assert.Single(result.StdErr.TrimEnd().Split('\n'));
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public void SATCHEL_PYTHON_decides_and_a_mismatch_names_it()
    {
        var app = Build(">=3.11");
        var path = _sandbox.PathWith("3.12.1");

        var chosen = ProcessRunner.Run(app, [], _sandbox.Environment(path, satchelPython: RealPythons.Python313));
        Assert.Equal("3.13.0\n", chosen.StdOut);

        var refused = ProcessRunner.Run(app, [], _sandbox.Environment(path, satchelPython: RealPythons.Python310));
        Assert.Equal(69, refused.ExitCode);
        Assert.StartsWith($"satchel: SATCHEL_PYTHON={RealPythons.Python310} cannot run this app, which needs >=3.11", refused.StdErr);
    }

    public void Dispose() => _sandbox.Dispose();
}
