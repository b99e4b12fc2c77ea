using Satchel.EndToEnd.Tests.Tools;
using Satchel.Testing;
using Satchel.Testing.Faults;
using Xunit;

namespace Satchel.EndToEnd.Tests.WarmStart;

/// <summary>
/// The warm-start stub (docs/launcher.md, "The warm-start stub"): a warm start is the stub alone
/// replaying the start record, without .NET's runtime; everything else goes to the full launcher,
/// and an app sees no difference between the two.
/// </summary>
public sealed partial class WarmStartStubTests : IDisposable
{
    /// <summary>
    /// System calls from the app's execve to the entry's on a warm start, the dynamic loader's
    /// included (about 30 of them with glibc 2.36; the stub's own are about 20 for a packed app and
    /// 35 for a Python app). The full launcher made about 250.
    /// </summary>
    private const int MaxCallsBeforeEntry = 90;

    private readonly ToolsSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private string PackEnvPrinter()
    {
        // Prints what the app was given: argv[0] as the shell sees it, the arguments, the environment.
        _box.Write("src/show.sh", "#!/bin/sh\necho \"argv0=$0\"\nfor a in \"$@\"; do echo \"arg=$a\"; done\nenv | LC_ALL=C sort\n", executable: true);
        return _box.Pack("src", "show.sh", "show");
    }

    private string BuildPythonEnvPrinter() =>
        _box.BuildModuleApp("showpy", "import os, sys\nprint('argv', sys.argv)\nprint('executable', sys.executable)\nfor k in sorted(os.environ):\n    print(k, '=', os.environ[k])\n");

    /// <summary>
    /// The sandbox's environment without any other SATCHEL_* variable this process inherited (from a
    /// developer's shell or a CI job): any the stub does not know would send every start to the full launcher.
    /// </summary>
    private Dictionary<string, string?> Env(params (string Key, string? Value)[] extra)
    {
        var env = _box.Env(extra);
        foreach (System.Collections.DictionaryEntry inherited in Environment.GetEnvironmentVariables())
        {
            if (inherited.Key is string name && name.StartsWith("SATCHEL_", StringComparison.Ordinal) && !env.ContainsKey(name))
            {
                env[name] = null;
            }
        }

        return env;
    }

    private ProcessResult Run(string app) => ProcessRunner.Run(app, [], Env());

    /// <summary>The trace of one start (the app's process and its children) and what it says about who served it.</summary>
    private sealed record Start(ProcessResult Result, string[] Trace)
    {
        private static bool IsExec(string line) => Call(line) is "execve" or "execveat";

        public bool HandedOver => BeforeEntry.Any(l => IsExec(l) || Call(l) == "memfd_create");

        /// <summary>The first exec after the app's own that runs something from the cache: the entry (or the venv's Python).</summary>
        public string? EntryExec => Trace.Skip(1).FirstOrDefault(l => IsExec(l) && l.Contains("/v1/", StringComparison.Ordinal));

        /// <summary>Calls after the app's own execve up to (not including) the entry's.</summary>
        public string[] BeforeEntry => [.. Trace.Skip(1).TakeWhile(l => l != EntryExec)];
    }

    private Start Traced(string app, params (string Key, string? Value)[] extra) => Traced(app, requireSuccess: true, extra);

    private Start Traced(string app, bool requireSuccess, params (string Key, string? Value)[] extra)
    {
        var (result, trace) = Strace.Run(app, ["one", "two words"], Env(extra), "all");
        Assert.True(result.ExitCode == 0 || !requireSuccess, result.ToString());
        return new Start(result, [.. trace.Where(l => !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal))]);
    }

    /// <summary>The system call a trace line (`PID  NAME(ARGS) = RESULT`) shows; empty for other lines.</summary>
    private static string Call(string line) => SyscallName().Match(line) is { Success: true } m ? m.Groups[1].Value : string.Empty;

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d+\s+([a-z0-9_]+)\(")]
    private static partial System.Text.RegularExpressions.Regex SyscallName();

    /// <param name="maxCalls">A bound for an app of a few units; an app of many locks and stats more (four calls a unit).</param>
    private static void AssertServedByTheStub(Start start, int maxCalls = MaxCallsBeforeEntry)
    {
        var facts = string.Join('\n', start.Trace);
        Assert.False(start.HandedOver, "the warm start was handed to the full launcher (an exec before the entry's)\n" + facts);
        Assert.True(start.EntryExec is not null && Call(start.EntryExec) == "execve", "no execve of the entry\n" + facts);
        Assert.DoesNotContain(start.BeforeEntry, l => Call(l) is "clone" or "clone3" or "fork" or "vfork");
        Assert.DoesNotContain(start.BeforeEntry, l => Call(l) is "open" or "openat" or "openat2" or "stat" or "lstat" or "newfstatat" or "statx" or "statfs"
                or "read" or "pread64" or "access" or "faccessat" or "faccessat2"
            && (l.Contains("\"/proc/", StringComparison.Ordinal) || l.Contains("\"/sys/", StringComparison.Ordinal) || l.Contains("</proc/", StringComparison.Ordinal) || l.Contains("</sys/", StringComparison.Ordinal)));
        Assert.True(start.BeforeEntry.Length <= maxCalls, $"{start.BeforeEntry.Length} system calls before the entry's execve (at most {maxCalls})\n{facts}");
    }

    [StraceFact]
    public void A_warm_start_of_a_packed_app_is_the_stub_alone_without_the_runtime()
    {
        var app = PackEnvPrinter();
        var first = Traced(app);
        Assert.True(first.HandedOver, "the first start (empty cache) should have been the full launcher's\n" + string.Join('\n', first.Trace));
        Assert.True(File.Exists(Directory.GetFiles(Path.Combine(_box.Root, "v1", "apps"), "*.start").Single()), "no start record after the first start");

        AssertServedByTheStub(Traced(app));
    }

    [StraceFact]
    public void A_warm_start_of_a_python_app_is_the_stub_alone_without_the_runtime()
    {
        var app = BuildPythonEnvPrinter();
        Assert.True(Traced(app).Result.ExitCode == 0);
        var warm = Traced(app);
        AssertServedByTheStub(warm);
        Assert.Contains(warm.Trace, l => l.Contains("execve(", StringComparison.Ordinal) && l.Contains("/bin/python\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// Runs <paramref name="app"/> as a shell would (by its path, as ./NAME from its directory, as a bare
    /// name found on PATH), once served by the stub and once by the full launcher (SATCHEL_VERBOSE sends it there).
    /// </summary>
    private void AssertTheSameStartEitherWay(string app)
    {
        var directory = Path.GetDirectoryName(app)!;
        var name = Path.GetFileName(app);
        var path = directory + ":" + Environment.GetEnvironmentVariable("PATH");
        foreach (var command in new[] { $"exec '{app}' \"$@\"", $"cd '{directory}' && exec ./{name} \"$@\"", $"exec {name} \"$@\"" })
        {
            var env = Env(("PATH", path), ("SATCHEL_APP", "/inherited/from/a/parent"));
            var viaStub = ProcessRunner.Run("/bin/sh", ["-c", command, "sh", "a", "b c"], env);
            var viaLauncher = ProcessRunner.Run("/bin/sh", ["-c", command, "sh", "a", "b c"], new Dictionary<string, string?>(env) { ["SATCHEL_VERBOSE"] = "1" });
            Assert.True(viaStub.ExitCode == 0 && viaLauncher.ExitCode == 0, $"{command}\n{viaStub}\n{viaLauncher}");
            Assert.Equal("", viaStub.StdErr);
            Assert.Contains("exec ", viaLauncher.StdErr, StringComparison.Ordinal); // the full launcher's verbose line: it ran
            var launcherOut = string.Join('\n', viaLauncher.StdOut.Split('\n').Where(l => !l.Contains("SATCHEL_VERBOSE", StringComparison.Ordinal)));
            Assert.Equal(launcherOut, viaStub.StdOut);
            Assert.DoesNotContain("SATCHEL_HANDOVER", viaStub.StdOut + viaLauncher.StdOut, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_packed_app_gets_the_same_arguments_and_environment_from_the_stub_as_from_the_full_launcher()
    {
        var app = PackEnvPrinter();
        Assert.Equal(0, Run(app).ExitCode);
        AssertTheSameStartEitherWay(app);
    }

    [Fact]
    public void A_python_app_gets_the_same_arguments_and_environment_from_the_stub_as_from_the_full_launcher()
    {
        var app = BuildPythonEnvPrinter();
        Assert.Equal(0, Run(app).ExitCode);
        AssertTheSameStartEitherWay(app);
    }

    [StraceFact]
    public void An_app_whose_header_does_not_fit_in_the_last_8_KiB_is_served_too()
    {
        // 70 distributions: a header of about 10 KB, which starts before the 8 KiB the first pread reads.
        var wheels = _box.Combine("wheels");
        Directory.CreateDirectory(wheels);
        var names = Enumerable.Range(0, 70).Select(i => $"bigheader-part{i:000}").ToArray();
        foreach (var name in names)
        {
            Satchel.Testing.PackageIndex.CraftedWheel.Write(wheels, name, "1.0");
        }

        _box.Write("py/bighead.py", "import sys\nprint('bighead', sys.argv[1:])\n");
        var app = _box.Combine("bighead");
        var build = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--no-index", "-f", wheels, .. names,
            "--sources", _box.Combine("py"), "-m", "bighead", "-o", app, "-q"]);
        Assert.True(build.ExitCode == 0, build.ToString());
        var inspect = _box.Cli("inspect", app, "--json");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());

        Assert.True(Traced(app).HandedOver);
        var warm = Traced(app);
        AssertServedByTheStub(warm, maxCalls: 1000);
        Assert.Contains("bighead ['one', 'two words']", warm.Result.StdOut, StringComparison.Ordinal);
    }

    [StraceFact]
    public void A_unit_removed_behind_the_start_record_sends_the_start_to_the_full_launcher_which_extracts_it_again()
    {
        var app = PackEnvPrinter();
        Assert.Equal(0, Run(app).ExitCode);
        foreach (var unit in Directory.GetDirectories(Path.Combine(_box.Root, "v1", "units")))
        {
            Directory.Delete(unit, recursive: true);
        }

        var again = Traced(app);
        Assert.True(again.HandedOver, string.Join('\n', again.Trace));
        Assert.Contains("arg=two words", again.Result.StdOut, StringComparison.Ordinal);
        AssertServedByTheStub(Traced(app));
    }

    [StraceFact]
    public void A_python_start_in_another_environment_goes_to_the_full_launcher_once_and_is_then_served_for_it()
    {
        // The interpreter choice depends on PATH and the other discovery variables: a start with other
        // values is not the recorded one.
        var app = BuildPythonEnvPrinter();
        Assert.Equal(0, Run(app).ExitCode);
        AssertServedByTheStub(Traced(app));
        var otherPath = ("PATH", "/usr/bin:/bin");
        Assert.True(Traced(app, otherPath).HandedOver);
        AssertServedByTheStub(Traced(app, otherPath));
    }

    [StraceFact]
    public void Settings_that_change_a_start_are_left_to_the_full_launcher()
    {
        var app = PackEnvPrinter();
        Assert.Equal(0, Run(app).ExitCode);
        foreach (var setting in new[] { ("SATCHEL_VERBOSE", "1"), ("SATCHEL_VERIFY", "1"), ("SATCHEL_EXTRACT", "cache"), ("SATCHEL_SOMETHING_NEW", "1") })
        {
            Assert.True(Traced(app, setting).HandedOver, $"{setting.Item1} was served by the stub");
        }

        AssertServedByTheStub(Traced(app, ("SATCHEL_LOCK_TIMEOUT", "5"), ("SATCHEL_APP_DIR", "/inherited")));

        // Without in-use locks (a file system without flock) the stub checks the markers and takes no lock.
        var unlocked = Traced(app, ("SATCHEL_IN_USE_LOCKS", "0"));
        AssertServedByTheStub(unlocked);
        Assert.DoesNotContain(unlocked.BeforeEntry, l => l.Contains("flock(", StringComparison.Ordinal));
        Assert.Contains(Traced(app).BeforeEntry, l => l.Contains("flock(", StringComparison.Ordinal));
    }

    [StraceFact]
    public void The_stub_serves_exactly_the_settings_the_full_launcher_records_starts_with()
    {
        // The stub's list (src/Satchel.WarmStart/Program.cs) and SatchelVariables.WarmStartNeutral must agree:
        // every SATCHEL_* variable is set in turn, and served or handed over as that list says.
        var app = PackEnvPrinter();
        Assert.Equal(0, Run(app).ExitCode);
        var variables = typeof(Satchel.Runtime.Configuration.SatchelVariables).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)
            .Where(n => n.StartsWith("SATCHEL_", StringComparison.Ordinal)).ToList();
        Assert.Contains(Satchel.Runtime.Configuration.SatchelVariables.Verbose, variables);
        foreach (var name in variables)
        {
            if (name == Satchel.Runtime.Configuration.SatchelVariables.Root)
            {
                continue; // set already: the sandbox's cache
            }

            // A value that changes nothing for a packed app where the variable is served ("1" keeps the in-use locks on).
            // (Where it is not served, "1" may be a value the full launcher refuses, as SATCHEL_EXTRACT=1 is: only who served it matters.)
            var served = Satchel.Runtime.Configuration.SatchelVariables.IsWarmStartNeutral(name);
            var start = Traced(app, requireSuccess: served, (name, name == Satchel.Runtime.Configuration.SatchelVariables.Temp ? "/tmp" : "1"));
            Assert.True(served != start.HandedOver, $"{name}: {(served ? "listed as served by the stub, but handed over" : "not listed, but served by the stub")}");
        }
    }

    [MemfdNoexecFact]
    public void Where_a_memfd_may_not_be_executed_the_full_launcher_runs_from_a_copy_in_TMPDIR_that_never_stays_there()
    {
        var app = PackEnvPrinter();
        var tmp = _box.Combine("tmp");
        Directory.CreateDirectory(tmp);
        var env = Env(("TMPDIR", tmp));
        var result = ProcessRunner.Run("unshare", ["--pid", "--fork", "--mount-proc", "sh", "-c", "echo 2 > /proc/sys/vm/memfd_noexec && exec \"$0\" x", app], env);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("arg=x", result.StdOut, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(tmp));

        // A full launcher that dies before its first instruction of ours (here: its GC cannot reserve
        // the 512 MB range a user's DOTNET_GCRegionRange asks for under a 100 MB address-space limit;
        // the stub sizes the range itself only where none is given) leaves no copy behind either.
        // Without the start record the first run left, this start is handed over.
        File.Delete(Directory.GetFiles(Path.Combine(_box.Root, "v1", "apps"), "*.start").Single());
        env["DOTNET_GCRegionRange"] = "20000000";
        var failed = ProcessRunner.Run("unshare", ["--pid", "--fork", "--mount-proc", "sh", "-c", "echo 2 > /proc/sys/vm/memfd_noexec && ulimit -v 100000 && exec \"$0\" x", app], env);
        Assert.True(failed.ExitCode != 0, failed.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(tmp));
    }

    [StraceFact]
    public void On_a_kernel_without_execveat_the_full_launcher_runs_through_proc_self_fd_and_leaves_no_copy()
    {
        // Before Linux 3.19 execveat does not exist: a seccomp filter answers ENOSYS as such a kernel
        // would, for the stub and everything after it. Its memfd cannot be executed then, so the stub
        // falls back to the unlinked copy in TMPDIR, executed as /proc/self/fd/N (glibc's fexecve way).
        var app = PackEnvPrinter();
        var tmp = _box.Combine("tmp");
        Directory.CreateDirectory(tmp);
        var helper = MissingSyscall.Build(_box.Combine("helper"));
        var (result, trace) = Strace.Run(helper, [MissingSyscall.Execveat.ToString(System.Globalization.CultureInfo.InvariantCulture), app, "x"], Env(("TMPDIR", tmp)), "execve,execveat");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("arg=x", result.StdOut, StringComparison.Ordinal);
        Assert.Contains(trace, l => l.Contains("execveat(", StringComparison.Ordinal) && l.Contains("ENOSYS", StringComparison.Ordinal));
        Assert.Contains(trace, l => l.Contains("execve(\"/proc/self/fd/", StringComparison.Ordinal) && l.EndsWith("= 0", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFileSystemEntries(tmp));

        // The start record that launcher wrote is then served by the stub alone, with no exec to fall back from.
        var warm = ProcessRunner.Run(helper, [MissingSyscall.Execveat.ToString(System.Globalization.CultureInfo.InvariantCulture), app, "y"], Env(("TMPDIR", tmp)));
        Assert.True(warm.ExitCode == 0, warm.ToString());
        Assert.Contains("arg=y", warm.StdOut, StringComparison.Ordinal);
    }

    [MemfdNoexecFact]
    public void Where_neither_a_memfd_nor_TMPDIR_can_be_executed_the_start_fails_with_one_line()
    {
        var app = PackEnvPrinter();
        var tmp = _box.Combine("noexec-tmp");
        using var mount = TmpfsMount.Create(tmp);
        Assert.Equal(0, ProcessRunner.Run("mount", ["-o", "remount,noexec", tmp]).ExitCode);
        var result = ProcessRunner.Run("unshare", ["--pid", "--fork", "--mount-proc", "sh", "-c", "echo 2 > /proc/sys/vm/memfd_noexec && exec \"$0\"", app], Env(("TMPDIR", tmp)));
        Assert.True(result.ExitCode == 69, result.ToString());
        Assert.Equal("", result.StdOut);
        var line = Assert.Single(result.StdErr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("satchel: ", line, StringComparison.Ordinal);
        Assert.Contains($"nor from a copy in {tmp}: ", line, StringComparison.Ordinal);
        Assert.Contains("noexec", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(tmp));
    }

    /// <summary>
    /// Started with stdin, stdout and stderr closed (a daemon's child, `cmd <&- >&- 2>&-`), the
    /// launchers' descriptors must not take those numbers: the in-use locks they leave open for the
    /// app would be its stdout, and a line for stderr could land in a file being extracted
    /// (docs/launcher.md, "Closed standard streams"). Checked for the full launcher's cold and warm
    /// starts and the stub's.
    /// </summary>
    [Fact]
    public void With_stdin_stdout_and_stderr_closed_the_app_gets_them_closed_and_its_locks_above_them()
    {
        // Lists the app's open descriptors into $FDS_OUT before it opens anything itself (os.listdir's
        // own descriptor is closed again when readlink runs, so it drops out).
        var app = _box.BuildModuleApp("fds", "import os\nfds = []\nfor n in os.listdir('/proc/self/fd'):\n    try:\n        fds.append(n + ' ' + os.readlink('/proc/self/fd/' + n))\n    except OSError:\n        pass\nwith open(os.environ['FDS_OUT'], 'w') as out:\n    out.write('\\n'.join(fds))\n");
        var listing = _box.Combine("fds.txt");

        string[] StartClosed(string what)
        {
            File.Delete(listing);
            var result = ProcessRunner.Run("sh", ["-c", "exec \"$0\" <&- >&- 2>&-", app], Env(("FDS_OUT", listing)));
            Assert.True(result.ExitCode == 0, $"{what}: {result}");
            var fds = File.ReadAllLines(listing);
            Assert.DoesNotContain(fds, l => l.Split(' ')[0] is "0" or "1" or "2");
            Assert.Contains(fds, l => l.EndsWith(".lock", StringComparison.Ordinal));
            return fds;
        }

        StartClosed("cold start (the full launcher extracts)");
        var record = Directory.GetFiles(Path.Combine(_box.Root, "v1", "apps"), "*.start").Single();
        StartClosed("warm start (the stub)");
        File.Delete(record);
        StartClosed("warm start (the full launcher)");

        // And the cache it extracted with nothing open on 0-2 is whole: a normal start and verify pass.
        Assert.Equal(0, ProcessRunner.Run(app, [], Env(("FDS_OUT", listing))).ExitCode);
        var verify = ProcessRunner.Run(app, ["verify"], Env(("SATCHEL_TOOLS", "1")));
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }
}
