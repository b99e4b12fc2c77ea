using Satchel.Testing;
using Satchel.Testing.Payloads;
using Xunit;

namespace Satchel.EndToEnd.Tests.Temp;

/// <summary>Temp-mode runs of packed shell apps: what they see, what they leave, how they end. Real processes, real signals.</summary>
public sealed class TempRunTests : IDisposable
{
    private const int SIGHUP = 1, SIGINT = 2, SIGKILL = 9, SIGUSR1 = 10, SIGTERM = 15;
    private readonly TempSandbox _box = new();

    /// <summary>An app that sets its <paramref name="traps"/>, says it is ready (a file), then runs <paramref name="body"/>.</summary>
    private string ReadyApp(string name, string traps, string body, params string[] options) => _box.Pack(name,
        traps + $"touch {_box.Combine(name + ".ready")}\n" + body, options);

    /// <summary>Starts <paramref name="app"/>, sends <paramref name="signal"/> to the launcher once the app is ready, and waits for the end.</summary>
    private ProcessResult SignalWhenReady(string app, string name, int signal)
    {
        using var launcher = _box.Start(app);
        TempSandbox.WaitFor(_box.Combine(name + ".ready"), launcher);
        TempSandbox.Signal(launcher.Id, signal);
        return TempSandbox.Finish(launcher);
    }

    [Fact]
    public void A_normal_exit_leaves_nothing_and_the_app_ran_from_a_private_directory_under_TMPDIR()
    {
        var app = _box.Pack("normal", "echo \"dir=$SATCHEL_APP_DIR\"\nstat -c '%a %U' \"$SATCHEL_APP_DIR/../../../..\"\necho \"args=$*\"\n");
        var result = _box.Run(app, ["a b", "c"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdOut.Split('\n');
        Assert.StartsWith("dir=" + Path.Combine(_box.TmpDir, "satchel-"), lines[0]);
        Assert.Equal("700 root", lines[1].Replace(Environment.UserName, "root", StringComparison.Ordinal));
        Assert.Equal("args=a b c", lines[2]);
        Assert.Empty(result.StdErr);
        Assert.Empty(_box.Leftovers());
        Assert.False(Directory.Exists(_box.CacheRoot), "a temp-mode exec app must not create the cache");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(127)]
    [InlineData(255)]
    public void An_error_exit_passes_its_status_through_and_leaves_nothing(int status)
    {
        var app = _box.Pack("fails", "echo oops >&2\nexit \"$1\"\n");
        var result = _box.Run(app, [status.ToString()]);
        Assert.Equal(status, result.ExitCode);
        Assert.Equal("oops\n", result.StdErr);
        Assert.Empty(_box.Leftovers());
    }

    [Fact]
    public void SIGTERM_is_forwarded_and_the_apps_own_exit_status_comes_back()
    {
        // Ready only once the background sleep's pid is known (a TERM before that made the trap's
        // kill fail and left the sleep holding the run directory), and the trap waits for the sleep
        // to be gone: a killed process can take over a second to exit on a loaded machine.
        var app = _box.Pack("term", "trap 'kill $nap; wait $nap; echo got-term; exit 7' TERM\nsleep 60 &\nnap=$!\n"
            + $"touch {_box.Combine("term.ready")}\nwait\n");
        var result = SignalWhenReady(app, "term", SIGTERM);
        Assert.True(result.ExitCode == 7, result.ToString());
        Assert.Contains("got-term", result.StdOut, StringComparison.Ordinal);
        Assert.Empty(_box.Leftovers());
    }

    [Theory]
    [InlineData(SIGINT)]
    [InlineData(SIGTERM)]
    [InlineData(SIGHUP)]
    public void An_app_killed_by_a_forwarded_signal_makes_the_launcher_end_by_the_same_signal(int signal)
    {
        // exec: the shell becomes sleep, which dies of the signal's default action.
        var app = ReadyApp("dies" + signal, string.Empty, "exec sleep 60\n");
        var result = SignalWhenReady(app, $"dies{signal}", signal);
        Assert.True(result.ExitCode == 128 + signal, result.ToString());
        Assert.Empty(_box.Leftovers());
    }

    [Fact]
    public void A_child_ignoring_SIGTERM_is_killed_after_the_grace_period_and_its_directory_removed()
    {
        var app = ReadyApp("stubborn", "trap '' TERM\n", "while :; do sleep 0.1; done\n", "--extract", "temp", "--grace-period", "0.5");
        var result = SignalWhenReady(app, "stubborn", SIGTERM);
        Assert.True(result.ExitCode == 128 + SIGKILL, result.ToString());
        Assert.Empty(_box.Leftovers());
    }

    [Fact]
    public void USR1_is_forwarded_without_ending_the_app()
    {
        var app = ReadyApp("usr1", "trap 'echo got-usr1; touch " + _box.Combine("usr1.done") + "' USR1\n", "while [ ! -e " + _box.Combine("usr1.done") + " ]; do sleep 0.05; done\nexit 4\n");
        var result = SignalWhenReady(app, "usr1", SIGUSR1);
        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Contains("got-usr1", result.StdOut, StringComparison.Ordinal);
        Assert.Empty(_box.Leftovers());
    }

    [Fact]
    public void Every_launcher_thread_blocks_the_forwarded_signals_so_none_is_lost_or_fatal()
    {
        var app = ReadyApp("threads", string.Empty, "exec sleep 60\n");
        using var launcher = _box.Start(app);
        TempSandbox.WaitFor(_box.Combine("threads.ready"), launcher);
        const ulong forwarded = (1UL << (SIGHUP - 1)) | (1UL << (SIGINT - 1)) | (1UL << 2) | (1UL << (SIGUSR1 - 1)) | (1UL << 11) | (1UL << (SIGTERM - 1));
        var tasks = Directory.GetDirectories($"/proc/{launcher.Id}/task");
        foreach (var task in tasks)
        {
            if (Path.GetFileName(task) == launcher.Id.ToString())
            {
                continue; // the main thread waits in sigtimedwait, which unblocks the set while it waits
            }

            var line = File.ReadAllLines(Path.Combine(task, "status")).Single(l => l.StartsWith("SigBlk:", StringComparison.Ordinal));
            var blocked = Convert.ToUInt64(line["SigBlk:".Length..].Trim(), 16);
            Assert.True((blocked & forwarded) == forwarded, $"thread {task} does not block the forwarded signals: {line}");
        }

        TempSandbox.Signal(launcher.Id, SIGTERM);
        Assert.Equal(128 + SIGTERM, TempSandbox.Finish(launcher).ExitCode);
        Assert.Empty(_box.Leftovers());
    }

    [Fact]
    public void SATCHEL_EXTRACT_overrides_the_built_mode_both_ways()
    {
        var tempApp = _box.Pack("tempbuilt", "echo \"$SATCHEL_APP_DIR\"\n");
        var cacheApp = _box.Pack("cachebuilt", "echo \"$SATCHEL_APP_DIR\"\n", "--extract", "cache");
        Assert.StartsWith(_box.CacheRoot, _box.Run(tempApp, null, ("SATCHEL_EXTRACT", "cache")).StdOut, StringComparison.Ordinal);
        Assert.StartsWith(_box.TmpDir, _box.Run(cacheApp, null, ("SATCHEL_EXTRACT", "temp")).StdOut, StringComparison.Ordinal);
        Assert.Empty(_box.Leftovers());
        var typo = _box.Run(tempApp, null, ("SATCHEL_EXTRACT", "tmp"));
        Hostile.LauncherRun.AssertCleanFailure(typo, 64, "SATCHEL_EXTRACT='tmp'");
    }

    [Fact]
    public void SATCHEL_TEMP_wins_over_TMPDIR()
    {
        var place = _box.Combine("chosen");
        Directory.CreateDirectory(place);
        var app = _box.Pack("placed", "echo \"$SATCHEL_APP_DIR\"\n");
        var result = _box.Run(app, null, ("SATCHEL_TEMP", place));
        Assert.StartsWith(Path.Combine(place, "satchel-"), result.StdOut, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(place));
        var missing = _box.Run(app, null, ("SATCHEL_TEMP", _box.Combine("nowhere")));
        Hostile.LauncherRun.AssertCleanFailure(missing, 73, "SATCHEL_TEMP");
    }

    [Fact]
    public void Twenty_concurrent_runs_use_twenty_distinct_directories_and_remove_them_all()
    {
        var app = _box.Pack("many", "echo \"$SATCHEL_APP_DIR\"\nsleep 0.3\n");
        var launchers = Enumerable.Range(0, 20).Select(_ => _box.Start(app)).ToList();
        var results = launchers.Select(TempSandbox.Finish).ToList();
        foreach (var launcher in launchers)
        {
            launcher.Dispose();
        }

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(20, results.Select(r => r.StdOut.Trim()).Distinct().Count());
        Assert.Empty(_box.Leftovers());
    }

    [Fact]
    public void A_terminal_Ctrl_C_reaches_the_app_once_and_is_not_forwarded_a_second_time()
    {
        // script(1) gives the launcher a real terminal; ^C written to it makes the line discipline
        // send SIGINT to the whole foreground process group, launcher and app alike.
        var stop = _box.Combine("tty.stop");
        var got = _box.Combine("tty.got");
        var app = ReadyApp("tty", $"n=0\ntrap 'n=$((n+1)); touch {got}' INT\n", $"while [ ! -e {stop} ]; do sleep 0.05; done\necho \"ints=$n\"\nexit 3\n");
        // script(1) runs the command through $SHELL -c; dash (/bin/sh) does not exec a lone command,
        // so it would sit in the foreground group, die of the same SIGINT and report 130 itself.
        // An explicit exec with a fixed shell leaves only the launcher and the app.
        var env = _box.Env(("SHELL", "/bin/sh"));
        using var terminal = ProcessRunner.Start("script", ["-qefc", $"exec '{app}'", "/dev/null"], env, redirectInput: true);
        TempSandbox.WaitFor(_box.Combine("tty.ready"), terminal);
        terminal.StandardInput.Write('\x03');
        terminal.StandardInput.Flush();
        TempSandbox.WaitFor(got, terminal);
        Thread.Sleep(500); // room for a second, forwarded copy to arrive if the launcher sent one
        File.WriteAllText(stop, string.Empty);
        var result = TempSandbox.Finish(terminal);
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("ints=1", result.StdOut, StringComparison.Ordinal);
        Assert.Empty(_box.Leftovers());
    }

    [Fact]
    public void A_payload_found_corrupt_during_extraction_is_exit_65_with_one_line_and_leaves_nothing()
    {
        var app = _box.Pack("corrupt", "echo never\n");
        var bytes = File.ReadAllBytes(app);
        var (_, _, at, _) = PayloadSections.Read(bytes).Blocks().First();
        bytes[at + 3] ^= 0x40; // inside the first data block: found by its SHA-256 while extracting
        File.WriteAllBytes(app, bytes);
        var result = _box.Run(app);
        Hostile.LauncherRun.AssertCleanFailure(result, 65);
        Assert.Empty(_box.Leftovers());
    }

    [Theory]
    [InlineData("--extract", "tmp", "--extract 'tmp'")]
    [InlineData("--grace-period", "soon", "--grace-period 'soon'")]
    [InlineData("--grace-period", "3601", "--grace-period '3601'")]
    public void Bad_extraction_options_are_usage_errors(string option, string value, string message)
    {
        _box.Pack("ok", "exit 0\n");
        var result = SatchelCli.Run(["pack", _box.Combine("ok-src"), "--entry", "run.sh", "-o", _box.Combine("bad"), option, value]);
        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
    }

    public void Dispose() => _box.Dispose();
}
