using Satchel.EndToEnd.Tests.Tools;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Parity;

/// <summary>
/// The settings of one start (SATCHEL_INTERPRETER, SATCHEL_MODULE, SATCHEL_SCRIPT, SATCHEL_VERBOSE,
/// SATCHEL_VERIFY, SATCHEL_TOOLS) are taken out of the app's environment, as pex strips its PEX_*
/// variables: an app built with Satchel that the app starts runs as itself, not as the REPL or
/// another entry. The machine's settings (SATCHEL_ROOT, SATCHEL_EXTRACT, …) reach it.
/// </summary>
public sealed class OneStartSettingsTests : IDisposable
{
    private const string ShowSettings = "import os\nprint(sys.argv[0].rsplit('/', 1)[-1], ' '.join(sorted(k for k in os.environ if k.startswith('SATCHEL_'))), flush=True)\n";

    private readonly ToolsSandbox _box = new();
    private readonly string _inner;
    private readonly string _outer;

    public OneStartSettingsTests()
    {
        // inner prints the SATCHEL_* names it got; outer prints its own and then runs inner.
        _inner = _box.BuildModuleApp("inner", "import sys\n" + ShowSettings);
        _outer = _box.BuildModuleApp("outer", "import subprocess, sys\n" + ShowSettings + "sys.exit(subprocess.call([sys.argv[1]]))\n");
    }

    public void Dispose() => _box.Dispose();

    private static void AssertNoneForOneStart(string output)
    {
        foreach (var name in (string[])["SATCHEL_INTERPRETER", "SATCHEL_MODULE", "SATCHEL_SCRIPT", "SATCHEL_VERBOSE", "SATCHEL_VERIFY", "SATCHEL_TOOLS"])
        {
            Assert.DoesNotContain(name, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("cache")]
    [InlineData("temp")]
    public void An_entry_chosen_at_run_time_verbose_and_verify_stay_with_the_start_they_were_given_to(string extract)
    {
        var result = _box.Run(_outer, [_inner],
            ("SATCHEL_EXTRACT", extract), ("SATCHEL_MODULE", "outer"), ("SATCHEL_VERBOSE", "1"), ("SATCHEL_VERIFY", "1"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdOut.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("outer SATCHEL_APP SATCHEL_APP_DIR SATCHEL_EXTRACT SATCHEL_ROOT", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("inner SATCHEL_APP SATCHEL_APP_DIR SATCHEL_EXTRACT SATCHEL_ROOT", lines[1], StringComparison.Ordinal);
        AssertNoneForOneStart(result.StdOut);
        Assert.Contains("satchel:", result.StdErr, StringComparison.Ordinal); // outer's own start was verbose
    }

    [Fact]
    public void The_apps_python_started_with_SATCHEL_INTERPRETER_starts_other_apps_as_themselves()
    {
        var result = _box.Run(_outer, ["-c", "import subprocess, sys; sys.exit(subprocess.call([sys.argv[1]]))", _inner], ("SATCHEL_INTERPRETER", "1"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("inner SATCHEL_APP SATCHEL_APP_DIR SATCHEL_ROOT", result.StdOut, StringComparison.Ordinal);
        AssertNoneForOneStart(result.StdOut);
    }
}
