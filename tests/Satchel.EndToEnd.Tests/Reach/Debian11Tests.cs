using Satchel.EndToEnd.Tests.Build;
using Satchel.Testing;
using Satchel.Testing.Chroot;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.Reach;

/// <summary>
/// Apps built on this machine (glibc 2.36) run on a real older Linux: a Debian 11 root (glibc 2.31,
/// Python 3.9) entered with chroot. Before the launcher was linked against the pinned Debian 11
/// sysroot, each of these failed with the dynamic loader's "version `GLIBC_2.34' not found"
/// (docs/launcher.md#the-glibc-floor).
/// </summary>
public sealed class Debian11Tests(Debian11Tests.Apps apps) : IClassFixture<Debian11Tests.Apps>
{
    [DebianRootFact]
    public void A_packed_app_runs_on_its_first_and_its_warm_run()
    {
        using var root = new DebianChroot();
        var app = root.Install(apps.PackedShellApp, "/opt/hello-sh");
        var cache = root.UpperPathOf("/root/.cache/satchel");

        var first = root.Run([app, "a b", "c"]);
        Assert.True(first.ExitCode == 7, first.ToString());
        Assert.Equal("hello from debian 11: a b|c\n", first.StdOut);
        Assert.True(Directory.Exists(cache), $"the first run made no cache at {cache}: {first}");
        var afterFirst = TreeSnapshot.Take(cache);

        var warm = root.Run([app, "a b", "c"]);
        Assert.True(warm.ExitCode == 7, warm.ToString());
        Assert.Equal(first.StdOut, warm.StdOut);
        Assert.Equal(afterFirst, TreeSnapshot.Take(cache));
    }

    [DebianRootFact]
    public void A_built_python_app_runs_on_debians_own_python_3_9_found_by_discovery()
    {
        using var root = new DebianChroot();
        var app = root.Install(apps.BuiltPythonApp, "/opt/greet");

        var first = root.Run([app, "world"]);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("hello world from 3.9 at /usr/bin/python3.9 via deb11dep\n", first.StdOut);

        var warm = root.Run([app, "again"]);
        Assert.True(warm.ExitCode == 0, warm.ToString());
        Assert.Equal("hello again from 3.9 at /usr/bin/python3.9 via deb11dep\n", warm.StdOut);
    }

    [DebianRootFact]
    public void A_temp_mode_app_runs_and_leaves_no_directory_behind()
    {
        using var root = new DebianChroot();
        var app = root.Install(apps.TempModeApp, "/opt/temp-app");

        var run = root.Run([app]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var appDir = run.StdOut.Trim();
        Assert.StartsWith("/tmp/satchel-", appDir, StringComparison.Ordinal);
        var runDir = string.Join('/', appDir.Split('/')[..3]); // /tmp/satchel-<random>
        Assert.False(Directory.Exists(root.UpperPathOf(runDir)), $"{runDir} is still there after the app ended");
    }

    [DebianRootFact]
    public void The_in_app_tools_verify_the_app()
    {
        using var root = new DebianChroot();
        var app = root.Install(apps.BuiltPythonApp, "/opt/greet");

        var verify = root.Run([app, "verify"], ("SATCHEL_TOOLS", "1"));
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [DebianRootFact]
    public void Without_any_python_the_app_says_so_in_one_line_and_exits_69()
    {
        using var root = new DebianChroot();
        var app = root.Install(apps.BuiltPythonApp, "/opt/greet");

        // No python on PATH nor in the places discovery looks at (/usr/bin among them): removed
        // from this test's own overlay, the cached root keeps them.
        var run = root.Run(["/bin/sh", "-c", "rm -f /usr/bin/python3*; exec \"$0\" world", app]);
        Assert.True(run.ExitCode == 69, run.ToString());
        var line = Assert.Single(run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("satchel: no Python interpreter found", line, StringComparison.Ordinal);
        Assert.Contains(">=3.9", line, StringComparison.Ordinal);
        Assert.Empty(run.StdOut);
    }

    /// <summary>The apps, built once on this machine with the satchel under test.</summary>
    public sealed class Apps : IDisposable
    {
        private readonly TempDirectory _dir = new("satchel-debian11-apps");

        public Apps()
        {
            if (DebianTestRoot.Debian11.SkipReason is not null)
            {
                return; // every test skips; build nothing
            }
            PackedShellApp = Pack("hello-sh", "printf 'hello from debian 11: %s|%s\\n' \"$1\" \"$2\"\nexit 7\n");
            TempModeApp = Pack("temp-app", "echo \"$SATCHEL_APP_DIR\"\n", "--extract", "temp");
            BuiltPythonApp = BuildPythonApp();
        }

        public string PackedShellApp { get; } = "";

        public string TempModeApp { get; } = "";

        public string BuiltPythonApp { get; } = "";

        public void Dispose() => _dir.Dispose();

        private string Pack(string name, string script, params string[] options)
        {
            _dir.Write($"{name}-src/run.sh", "#!/bin/sh\n" + script, executable: true);
            var output = _dir.Combine(name);
            var result = SatchelCli.Run(["pack", _dir.Combine($"{name}-src"), "--entry", "run.sh", "-o", output, "--quiet", .. options]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return output;
        }

        // Two pure-Python wheels made here, built with this machine's Python 3.11 for any Python
        // from 3.9 on: on Debian 11 the launcher must find /usr/bin/python3.9 by itself.
        private string BuildPythonApp()
        {
            var wheels = _dir.Combine("wheels");
            Directory.CreateDirectory(wheels);
            new WheelBuilder("deb11dep", "1.0")
                .AddFile("deb11dep/__init__.py", "NAME = 'deb11dep'\n")
                .Build(wheels);
            new WheelBuilder("deb11greet", "1.0")
                .AddFile("deb11greet/__init__.py", "")
                .AddFile("deb11greet/__main__.py", """
                    import os
                    import sys
                    import deb11dep
                    python = os.path.realpath(sys.executable)  # sys.executable is the app's venv
                    print(f"hello {sys.argv[1]} from {sys.version_info[0]}.{sys.version_info[1]} at {python} via {deb11dep.NAME}")
                    """)
                .AddDistInfoFile("METADATA", "Metadata-Version: 2.1\nName: deb11greet\nVersion: 1.0\nRequires-Dist: deb11dep\n")
                .Build(wheels);
            var output = _dir.Combine("greet");
            var result = SatchelCli.Run(["build", "--python", PythonAppFixture.Python311, "--no-index", "-f", wheels, "deb11greet",
                "-m", "deb11greet", "--interpreter-constraint", ">=3.9", "-o", output, "--quiet"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return output;
        }
    }
}
