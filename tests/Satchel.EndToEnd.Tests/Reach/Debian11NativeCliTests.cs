using Satchel.Testing;
using Satchel.Testing.Chroot;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.Reach;

/// <summary>
/// The native satchel on a machine without .NET (docs/distribution.md): a Debian 11 root (glibc 2.31,
/// Python 3.9, pip 20.3.4) entered with chroot, where nothing of this machine's .NET is visible. The
/// wheel scripts/build-dist made is pip-installed offline into a venv there, and that satchel builds a
/// pure-Python app with Debian's own python3 (found on PATH) and runs it. Satchel needs pip 23.0 or newer
/// (docs/resolution.md): with a newer pip wheel in the find-links folder (this machine's Debian 12
/// python3-pip-whl) it runs that one; without it, it says in one line which pip it needs.
/// </summary>
public sealed class Debian11NativeCliTests(Debian11NativeCliTests.Files files) : IClassFixture<Debian11NativeCliTests.Files>
{
    [DebianRootFact]
    public void The_pip_installed_native_satchel_builds_an_app_with_debians_python_that_runs_there()
    {
        using var root = InstalledRoot();
        var satchel = "/opt/venv/bin/satchel";

        var version = root.Run([satchel, "--version"]);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal(ProcessRunner.Run(NativeDistribution.Binary, ["--version"]).StdOut, version.StdOut);
        var viaPython = root.Run(["/opt/venv/bin/python", "-m", "satchel", "--version"]);
        Assert.True(viaPython.ExitCode == 0, viaPython.ToString());
        Assert.Equal(version.StdOut, viaPython.StdOut);

        var build = root.Run([satchel, "build", "--no-index", "-f", "/opt/wheels", "-f", "/opt/pip", "nativegreet", "-m", "nativegreet", "-o", "/opt/greet", "--quiet"]);
        Assert.True(build.ExitCode == 0, build.ToString());

        var run = root.Run(["/opt/greet", "debian"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("hello debian from 3.9 at /usr/bin/python3.9\n", run.StdOut);
    }

    [DebianRootFact]
    public void Without_a_newer_pip_wheel_the_build_names_the_pip_it_needs_in_one_line()
    {
        using var root = InstalledRoot();

        var build = root.Run(["/opt/venv/bin/satchel", "build", "--no-index", "-f", "/opt/wheels", "nativegreet", "-m", "nativegreet", "-o", "/opt/greet"]);
        Assert.True(build.ExitCode == 69, build.ToString());
        var line = Assert.Single(build.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("satchel: ", line, StringComparison.Ordinal);
        Assert.Contains("20.3.4", line, StringComparison.Ordinal);
        Assert.Contains("23.0", line, StringComparison.Ordinal);
        Assert.False(File.Exists(root.UpperPathOf("/opt/greet")), "a failed build left its output");
    }

    /// <summary>A Debian 11 overlay with a venv holding the pip-installed wheel (Debian's pip 20.3.4, offline, quiet: its progress output predates -q's defaults).</summary>
    private DebianChroot InstalledRoot()
    {
        var root = new DebianChroot();
        var wheel = root.Install(NativeDistribution.Wheel, "/opt/dist/" + Path.GetFileName(NativeDistribution.Wheel));
        root.Install(files.AppWheel, "/opt/wheels/" + Path.GetFileName(files.AppWheel));
        root.Install(files.PipWheel, "/opt/pip/" + Path.GetFileName(files.PipWheel));
        var venv = root.Run(["/usr/bin/python3", "-m", "venv", "/opt/venv"]);
        Assert.True(venv.ExitCode == 0, venv.ToString());
        var install = root.Run(["/opt/venv/bin/pip", "install", "-q", "--no-index", wheel]);
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.False(Directory.Exists(root.UpperPathOf("/usr/share/dotnet")) || Directory.Exists(Path.Combine(root.Lower, "usr/share/dotnet")), "the root has a .NET");
        return root;
    }

    /// <summary>The app's pure-Python wheel, made here, and this machine's pip wheel (Debian 12's python3-pip-whl, pip 23.0.1).</summary>
    public sealed class Files : IDisposable
    {
        private readonly TempDirectory _dir = new("satchel-debian11-native");

        public Files()
        {
            if (DebianTestRoot.Debian11.SkipReason is not null)
            {
                return;
            }
            AppWheel = new WheelBuilder("nativegreet", "1.0")
                .AddFile("nativegreet/__init__.py", "")
                .AddFile("nativegreet/__main__.py", """
                    import os
                    import sys
                    python = os.path.realpath(sys.executable)  # sys.executable is the app's venv
                    print(f"hello {sys.argv[1]} from {sys.version_info[0]}.{sys.version_info[1]} at {python}")
                    """)
                .Build(_dir.Combine("wheels"));
            PipWheel = Directory.GetFiles("/usr/share/python-wheels", "pip-*.whl").Single();
        }

        public string AppWheel { get; } = "";

        public string PipWheel { get; } = "";

        public void Dispose() => _dir.Dispose();
    }
}
