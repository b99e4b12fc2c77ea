using Satchel.EndToEnd.Tests.Build;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Temp;

/// <summary>`satchel build --extract temp`: a real Python app whose units and venv live in the run directory.</summary>
public sealed class TempPythonTests : IDisposable
{
    private const int SIGINT = 2;
    private readonly TempSandbox _box = new();

    private string Build(string name, string module)
    {
        var sources = _box.Combine(name + "-py");
        Directory.CreateDirectory(sources);
        File.WriteAllText(Path.Combine(sources, name + ".py"), module);
        var output = _box.Combine(name);
        var result = SatchelCli.Run(["build", "--python", PythonAppFixture.Python311, "--no-index", "--sources", sources, "-m", name, "-o", output, "--quiet", "--extract", "temp"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    private (string Key, string? Value)[] PythonEnv => [("SATCHEL_PYTHON", PythonAppFixture.Python311), ("PYTHONPATH", null)];

    [Fact]
    public void A_python_app_runs_from_its_run_directory_and_leaves_nothing()
    {
        var app = Build("hello", "import os, sys\nprint(os.environ['SATCHEL_APP_DIR'])\nprint(sys.prefix)\nprint(__import__('hello').__file__)\nsys.exit(3)\n");
        var result = _box.Run(app, null, PythonEnv);
        Assert.True(result.ExitCode == 3, result.ToString());
        var lines = result.StdOut.Split('\n');
        var runDir = Path.Combine(_box.TmpDir, "satchel-");
        Assert.All(lines[..3], line => Assert.StartsWith(runDir, line, StringComparison.Ordinal));
        Assert.Empty(_box.Leftovers());
    }

    [Fact]
    public void KeyboardInterrupt_from_SIGINT_gives_status_130_through_the_launcher()
    {
        var ready = _box.Combine("py.ready");
        var app = Build("waiter", $"import time\nopen({Quote(ready)}, 'w').close()\ntime.sleep(60)\n");
        using var launcher = _box.Start(app, null, PythonEnv);
        TempSandbox.WaitFor(ready, launcher);
        TempSandbox.Signal(launcher.Id, SIGINT);
        var result = TempSandbox.Finish(launcher);
        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Contains("KeyboardInterrupt", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_box.Leftovers());
    }

    private static string Quote(string path) => "'" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public void Dispose() => _box.Dispose();
}
