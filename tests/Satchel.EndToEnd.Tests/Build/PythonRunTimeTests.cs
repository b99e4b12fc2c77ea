using Satchel.Testing;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.Build;

/// <summary>
/// A Python app of one wheel with a console script (`greet`), built once with the real Python
/// 3.11: the app's entry, plus `greeter` importable from the interpreter it starts.
/// </summary>
public sealed class GreeterAppFixture : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-greeter");

    public GreeterAppFixture()
    {
        new WheelBuilder("greeter", "1.0")
            .AddFile("greeter/__init__.py", "import sys\n\nVALUE = 42\n\n\ndef main():\n    print('hello', sys.argv[1:])\n")
            .AddEntryPoint("console_scripts", "greet", "greeter:main")
            .Build(_dir.Combine("wheels"));
        App = _dir.Combine("greet");
        var build = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--no-index", "-f", _dir.Combine("wheels"), "greeter", "-c", "greet", "-o", App, "-q"]);
        Assert.True(build.ExitCode == 0, build.ToString());
    }

    public string App { get; }

    public void Dispose() => _dir.Dispose();
}

/// <summary>
/// A built Python app at run time: concurrent first starts (the venv assembled once, under its
/// lock, whoever wins) and the run-time switches SATCHEL_INTERPRETER and SATCHEL_IN_USE_LOCKS=0.
/// </summary>
public sealed class PythonRunTimeTests(GreeterAppFixture fixture) : IClassFixture<GreeterAppFixture>, IDisposable
{
    private readonly TempDirectory _dir = new("satchel-pyrun");

    private static Dictionary<string, string?> Env(string root, params (string Key, string? Value)[] extra) => AppEnvironment.For(root, RealPythons.Python311, extra);

    [Fact]
    public void Twelve_first_starts_at_once_all_run_and_assemble_one_venv()
    {
        var root = _dir.Combine("race");
        var env = Env(root, ("SATCHEL_VERBOSE", "1"));
        var processes = Enumerable.Range(0, 12).Select(i => ProcessRunner.Start(fixture.App, [$"n{i}"], env)).ToList();
        var results = processes.Select(p =>
        {
            using (p)
            {
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = p.StandardError.ReadToEnd();
                p.WaitForExit();
                return new ProcessResult(p.ExitCode, stdout.Result, stderr);
            }
        }).ToList();

        for (var i = 0; i < results.Count; i++)
        {
            Assert.True(results[i].ExitCode == 0 && results[i].StdOut == $"hello ['n{i}']\n", results[i].ToString());
        }

        Assert.Single(results, r => r.StdErr.Contains(" assembled for ", StringComparison.Ordinal));
        var venvs = Directory.GetFileSystemEntries(Path.Combine(root, "v1", "venvs"));
        Assert.Single(venvs, Directory.Exists);
        Assert.DoesNotContain(venvs, v => v.Contains(".work-", StringComparison.Ordinal));
        var units = Directory.GetFileSystemEntries(Path.Combine(root, "v1", "units"));
        Assert.Equal(2, units.Count(Directory.Exists));
        Assert.DoesNotContain(units, u => u.Contains(".work-", StringComparison.Ordinal));

        var warm = ProcessRunner.Run(fixture.App, ["warm"], env);
        Assert.True(warm.ExitCode == 0 && warm.StdOut == "hello ['warm']\n", warm.ToString());
        Assert.DoesNotContain(" assembled for ", warm.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Satchel_interpreter_starts_the_apps_python_with_the_app_on_its_path_and_no_user_site()
    {
        var root = _dir.Combine("interpreter");

        var result = ProcessRunner.Run(fixture.App, ["-c", "import sys, greeter; print(greeter.VALUE, sys.flags.no_user_site, sys.prefix)"],
            Env(root, ("SATCHEL_INTERPRETER", "1")));

        Assert.True(result.ExitCode == 0, result.ToString());
        var words = result.StdOut.TrimEnd('\n').Split(' ');
        Assert.Equal(["42", "1"], words[..2]);
        Assert.StartsWith(Path.Combine(root, "v1", "venvs") + "/", words[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Satchel_in_use_locks_0_holds_no_lock_so_a_purge_while_the_app_runs_removes_its_cache()
    {
        var root = _dir.Combine("unlocked");
        var started = _dir.Combine("started");
        var stop = _dir.Combine("stop");
        var waiter = $"import os, time\nopen({Quoted(started)}, 'w').close()\nwhile not os.path.exists({Quoted(stop)}):\n    time.sleep(0.05)\n";
        var env = Env(root, ("SATCHEL_INTERPRETER", "1"), ("SATCHEL_IN_USE_LOCKS", "0"));
        using var app = ProcessRunner.Start(fixture.App, ["-c", waiter], env);
        try
        {
            WaitFor(started, app);

            var purge = SatchelCli.Run(["cache", "purge"], Env(root));

            Assert.True(purge.ExitCode == 0, purge.ToString());
            Assert.Contains("kept 0 in use", purge.StdOut, StringComparison.Ordinal);
            Assert.DoesNotContain("kept unit", purge.StdOut, StringComparison.Ordinal);
            Assert.DoesNotContain("kept venv", purge.StdOut, StringComparison.Ordinal);
            Assert.Empty(Directory.GetDirectories(Path.Combine(root, "v1", "units")));
            Assert.Empty(Directory.GetDirectories(Path.Combine(root, "v1", "venvs")));
        }
        finally
        {
            File.WriteAllText(stop, string.Empty);
            if (!app.WaitForExit(30_000))
            {
                app.Kill(entireProcessTree: true);
            }
        }
    }

    private static string Quoted(string path) => "'" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static void WaitFor(string path, System.Diagnostics.Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!File.Exists(path) && DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                Assert.Fail($"the app exited early: {process.StandardError.ReadToEnd()}");
            }

            Thread.Sleep(50);
        }

        Assert.True(File.Exists(path), $"{path} never appeared");
    }

    public void Dispose() => _dir.Dispose();
}
