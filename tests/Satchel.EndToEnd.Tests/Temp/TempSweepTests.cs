using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Temp;

/// <summary>Directories of runs killed before their clean-up: swept by a later run, unless something of that run still uses them.</summary>
public sealed class TempSweepTests : IDisposable
{
    private const int SIGKILL = 9;
    private readonly TempSandbox _box = new();

    [Fact]
    public void Kill_9_of_the_launchers_process_group_leaves_a_directory_that_the_next_run_sweeps()
    {
        var ready = _box.Combine("ready");
        var app = _box.Pack("victim", $"touch {ready}\nsleep 60\n");
        // setsid makes the launcher a process-group leader, so the whole group can be killed at once.
        using var launcher = ProcessRunner.Start("setsid", [app], _box.Env());
        TempSandbox.WaitFor(ready, launcher);
        TempSandbox.Signal(-launcher.Id, SIGKILL);
        launcher.WaitForExit();
        var left = Assert.Single(_box.Leftovers());
        Assert.StartsWith("satchel-", Path.GetFileName(left), StringComparison.Ordinal);

        var next = _box.Run(_box.Pack("next", "exit 0\n"));
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Empty(_box.Leftovers());
    }

    [Fact]
    public void A_directory_whose_app_still_runs_is_not_swept_and_goes_once_the_app_has_ended()
    {
        var ready = _box.Combine("ready");
        var release = _box.Combine("release");
        var app = _box.Pack("orphan", $"touch {ready}\nwhile [ ! -e {release} ]; do sleep 0.05; done\n");
        using var launcher = _box.Start(app);
        TempSandbox.WaitFor(ready, launcher);
        TempSandbox.Signal(launcher.Id, SIGKILL); // only the launcher: the app keeps running, holding the inherited lock
        launcher.WaitForExit();
        var inUse = Assert.Single(_box.Leftovers());

        var other = _box.Pack("other", "exit 0\n");
        Assert.Equal(0, _box.Run(other).ExitCode);
        Assert.Equal([inUse], _box.Leftovers());

        File.WriteAllText(release, string.Empty);
        WaitUntilUnlocked(inUse);
        Assert.Equal(0, _box.Run(other).ExitCode);
        Assert.Empty(_box.Leftovers());
    }

    [Fact]
    public void A_daemon_the_app_leaves_behind_keeps_the_directory_until_it_ends()
    {
        var release = _box.Combine("release");
        var app = _box.Pack("daemon", $"(while [ ! -e {release} ]; do sleep 0.05; done) >/dev/null 2>&1 &\nexit 0\n");
        var result = _box.Run(app);
        Assert.True(result.ExitCode == 0, result.ToString());
        var kept = Assert.Single(_box.Leftovers());
        Assert.True(File.Exists(Path.Combine(kept, ".satchel-run.lock")));

        File.WriteAllText(release, string.Empty);
        WaitUntilUnlocked(kept);
        Assert.Equal(0, _box.Run(_box.Pack("later", "exit 0\n")).ExitCode);
        Assert.Empty(_box.Leftovers());
    }

    [Fact]
    public void Another_users_or_unrelated_entries_are_never_touched()
    {
        var unrelated = Path.Combine(_box.TmpDir, "satchel-notes");
        Directory.CreateDirectory(unrelated);
        var lookalike = Path.Combine(_box.TmpDir, "satchel-0123456789abcdef");
        File.WriteAllText(lookalike, "a file, not a run directory");
        var linkTarget = _box.Combine("precious");
        Directory.CreateDirectory(linkTarget);
        File.CreateSymbolicLink(Path.Combine(_box.TmpDir, "satchel-fedcba9876543210"), linkTarget);

        Assert.Equal(0, _box.Run(_box.Pack("app", "exit 0\n")).ExitCode);
        Assert.Equal(3, _box.Leftovers().Length);
        Assert.True(Directory.Exists(linkTarget));
    }

    /// <summary>The app's processes are gone when its lock can be taken (polling, since they end asynchronously).</summary>
    private static void WaitUntilUnlocked(string dir)
    {
        var lockPath = Path.Combine(dir, ".satchel-run.lock");
        for (var i = 0; i < 600; i++)
        {
            using var probe = Satchel.Runtime.Cache.FileLock.TryAcquire(lockPath, exclusive: true);
            if (probe is not null)
            {
                return;
            }

            Thread.Sleep(50);
        }

        Assert.Fail($"{lockPath} stayed locked");
    }

    public void Dispose() => _box.Dispose();
}
