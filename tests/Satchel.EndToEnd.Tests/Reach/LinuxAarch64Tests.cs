using Satchel.Testing;
using Satchel.Testing.Chroot;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.Reach;

/// <summary>
/// Apps built here (x86_64) with `--platform linux-aarch64` run on aarch64 Linux: an arm64
/// Debian 12 root (Python 3.11) entered with chroot, every program in it (the launcher, /bin/sh,
/// python3.11) run by qemu-user-static through binfmt_misc. Few tests on purpose: each run is
/// emulated (bench/README.md has the first-run time).
/// </summary>
public sealed class LinuxAarch64Tests(LinuxAarch64Tests.Apps apps) : IClassFixture<LinuxAarch64Tests.Apps>
{
    [DebianRootFact("arm64")]
    public void A_packed_shell_app_runs_on_its_first_and_its_warm_run_and_verifies_itself()
    {
        using var root = new DebianChroot(DebianTestRoot.Arm64);
        var app = root.Install(apps.PackedShellApp, "/opt/hello-sh");

        var first = root.Run([app, "a b", "c"]);
        Assert.True(first.ExitCode == 7, first.ToString());
        Assert.Equal("hello from aarch64: a b|c\n", first.StdOut);

        RunsWarmThenVerifies(root, app, ["a b", "c"], 7, first.StdOut);
    }

    [DebianRootFact("arm64")]
    public void A_built_app_with_a_pure_wheel_and_an_aarch64_c_extension_runs_on_debians_python_3_11()
    {
        using var root = new DebianChroot(DebianTestRoot.Arm64);
        var app = root.Install(apps.BuiltPythonApp, "/opt/armgreet");

        var first = root.Run([app, "world"]);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("world: 2+3=5 on aarch64, python 3.11 at /usr/bin/python3.11, _armext.cpython-311-aarch64-linux-gnu.so\n", first.StdOut);

        RunsWarmThenVerifies(root, app, ["again"], 0, first.StdOut.Replace("world", "again", StringComparison.Ordinal));
    }

    /// <summary>After a first run: a warm run prints <paramref name="expected"/> and changes nothing in the cache, and `SATCHEL_TOOLS=1 APP verify` passes.</summary>
    private static void RunsWarmThenVerifies(DebianChroot root, string app, string[] args, int exitCode, string expected)
    {
        var cache = root.UpperPathOf("/root/.cache/satchel");
        var afterFirst = TreeSnapshot.Take(cache);

        var warm = root.Run([app, .. args]);
        Assert.True(warm.ExitCode == exitCode, warm.ToString());
        Assert.Equal(expected, warm.StdOut);
        Assert.Equal(afterFirst, TreeSnapshot.Take(cache));

        var verify = root.Run([app, "verify"], ("SATCHEL_TOOLS", "1"));
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [DebianRootFact("arm64")]
    public void A_temp_mode_app_loads_its_extension_from_the_run_directory_and_leaves_nothing_behind()
    {
        using var root = new DebianChroot(DebianTestRoot.Arm64);
        var app = root.Install(apps.TempModePythonApp, "/opt/armgreet-temp");

        var run = root.Run([app, "temp"], ("SATCHEL_ARMGREET_WHERE", "1"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("temp: 2+3=5 on aarch64, python 3.11 at /usr/bin/python3.11, _armext.cpython-311-aarch64-linux-gnu.so", lines[0]);
        var extension = lines[1];
        Assert.StartsWith("/tmp/satchel-", extension, StringComparison.Ordinal);
        var runDir = string.Join('/', extension.Split('/')[..3]); // /tmp/satchel-<random>
        Assert.False(Directory.Exists(root.UpperPathOf(runDir)), $"{runDir} is still there after the app ended");
    }

    /// <summary>The apps, built once on this machine with the satchel under test, for linux-aarch64.</summary>
    public sealed class Apps : IDisposable
    {
        private readonly TempDirectory _dir = new("satchel-aarch64-apps");

        public Apps()
        {
            if (DebianTestRoot.Arm64.SkipReason is not null)
            {
                return; // every test skips; build nothing
            }
            PackedShellApp = PackShellApp();
            var wheels = MakeWheels();
            BuiltPythonApp = BuildPythonApp(wheels, "armgreet");
            TempModePythonApp = BuildPythonApp(wheels, "armgreet-temp", "--extract", "temp");
        }

        public string PackedShellApp { get; } = "";

        public string BuiltPythonApp { get; } = "";

        public string TempModePythonApp { get; } = "";

        public void Dispose() => _dir.Dispose();

        private string PackShellApp()
        {
            _dir.Write("hello-src/run.sh", "#!/bin/sh\nprintf 'hello from %s: %s|%s\\n' \"$(uname -m)\" \"$1\" \"$2\"\nexit 7\n", executable: true);
            var output = _dir.Combine("hello-sh");
            var result = SatchelCli.Run(["pack", _dir.Combine("hello-src"), "--entry", "run.sh", "--platform", "linux-aarch64", "-o", output, "--quiet"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return output;
        }

        // A real aarch64 C extension, compiled here by the cross compiler against the build
        // interpreter's (x86_64 CPython 3.11) headers: the C API of a version is the same on both
        // machines, and both are LP64. Tagged linux_aarch64, as a wheel built on such a machine is.
        private string MakeWheels()
        {
            var wheels = _dir.Combine("wheels");
            var include = ProcessRunner.Run(RealPythons.Python311, ["-c", "import sysconfig; print(sysconfig.get_paths()['include'])"]);
            Assert.True(include.ExitCode == 0, include.ToString());
            var source = _dir.Write("armext.c", """
                #define PY_SSIZE_T_CLEAN
                #include <Python.h>

                static PyObject *add(PyObject *self, PyObject *args)
                {
                    long a, b;
                    if (!PyArg_ParseTuple(args, "ll", &a, &b))
                        return NULL;
                    return PyLong_FromLong(a + b);
                }

                static PyMethodDef methods[] = {{"add", add, METH_VARARGS, "a + b, in C"}, {NULL, NULL, 0, NULL}};
                static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_armext", NULL, -1, methods};

                PyMODINIT_FUNC PyInit__armext(void) { return PyModule_Create(&module); }
                """);
            var library = _dir.Combine("_armext.cpython-311-aarch64-linux-gnu.so");
            var compile = ProcessRunner.Run("aarch64-linux-gnu-gcc", ["-shared", "-fPIC", "-O2", "-I", include.StdOut.Trim(), "-o", library, source]);
            Assert.True(compile.ExitCode == 0, $"aarch64-linux-gnu-gcc (scripts/install-test-prerequisites installs it) failed: {compile}");
            new WheelBuilder("armext", "1.0") { Tag = "cp311-cp311-linux_aarch64", RootIsPurelib = false }
                .AddFile("armext/__init__.py", "")
                .AddFile("armext/_armext.cpython-311-aarch64-linux-gnu.so", File.ReadAllBytes(library), executable: true)
                .Build(wheels);
            new WheelBuilder("armgreet", "1.0")
                .AddFile("armgreet/__init__.py", "")
                .AddFile("armgreet/__main__.py", """
                    import os
                    import platform
                    import sys
                    from armext import _armext
                    python = os.path.realpath(sys.executable)  # sys.executable is the app's venv
                    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
                    print(f"{sys.argv[1]}: 2+3={_armext.add(2, 3)} on {platform.machine()}, python {version} at {python}, {os.path.basename(_armext.__file__)}")
                    if os.environ.get("SATCHEL_ARMGREET_WHERE"):
                        print(_armext.__file__)
                    """)
                .AddDistInfoFile("METADATA", "Metadata-Version: 2.1\nName: armgreet\nVersion: 1.0\nRequires-Dist: armext\n")
                .Build(wheels);
            return wheels;
        }

        private string BuildPythonApp(string wheels, string name, params string[] options)
        {
            var output = _dir.Combine(name);
            var result = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--no-index", "-f", wheels, "armgreet",
                "-m", "armgreet", "--platform", "linux-aarch64", "-o", output, "--quiet", .. options]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return output;
        }
    }
}
