using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Temp;

/// <summary>Real faults in a temp run's directory (root: mount, chattr) and noexec temp file systems.</summary>
public sealed class TempFaultTests : IDisposable
{
    private readonly TempSandbox _box = new();
    private readonly List<string> _mounts = [];

    [RootFact]
    public void A_tmpfs_the_app_mounted_inside_and_that_is_unmounted_while_the_removal_retries_does_not_stop_it()
    {
        var mounted = _box.Combine("mounted");
        var app = _box.Pack("mounter", $"mkdir \"$SATCHEL_APP_DIR/mnt\"\nmount -t tmpfs -o size=1m none \"$SATCHEL_APP_DIR/mnt\"\necho data > \"$SATCHEL_APP_DIR/mnt/file\"\necho \"$SATCHEL_APP_DIR/mnt\" > {mounted}\nexit 6\n");
        // A long removal budget: the unmount comes once the removal is under way, whenever that is
        // on a loaded machine, and the launcher must still be retrying then.
        using var launcher = _box.Start(app, null, ("SATCHEL_DELETE_TIMEOUT", "300"));
        TempSandbox.WaitFor(mounted, launcher);
        var mountPoint = File.ReadAllText(mounted).Trim();
        _mounts.Add(mountPoint);

        // The unmount, on a thread of its own (not the thread pool that parallel tests can starve),
        // once the removal has moved the run directory aside and removed everything but the busy
        // mount: the launcher is then retrying EBUSY.
        (string[] Busy, ProcessResult Umount)? unmounted = null;
        var unmounter = new Thread(() =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMinutes(2) && !(!Directory.Exists(mountPoint) && OnlyTheMountIsLeft(_box.TmpDir)))
            {
                Thread.Sleep(20);
            }

            var busy = Directory.GetFileSystemEntries(_box.TmpDir);
            unmounted = (busy, ProcessRunner.Run("umount", [FindMountUnder(_box.TmpDir)]));
        });
        unmounter.Start();
        var result = TempSandbox.Finish(launcher);
        unmounter.Join();
        var (whileBusy, umount) = unmounted!.Value;
        Assert.True(umount.ExitCode == 0, umount.ToString());
        _mounts.Clear();
        Assert.NotEmpty(whileBusy); // the directory was still there, held by the mount, when it was unmounted
        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Empty(result.StdErr);
        Assert.Empty(_box.Leftovers());
    }

    [RootFact]
    public void An_immutable_file_keeps_the_apps_exit_status_and_gives_one_warning_naming_it()
    {
        var app = _box.Pack("immutable", "echo keep > \"$SATCHEL_APP_DIR/stuck\"\nchattr +i \"$SATCHEL_APP_DIR/stuck\"\nexit 5\n");
        var result = _box.Run(app);
        Assert.True(result.ExitCode == 5, result.ToString());
        var lines = result.StdErr.TrimEnd('\n').Split('\n');
        var warning = Assert.Single(lines);
        Assert.StartsWith("satchel: warning: cannot remove " + Path.Combine(_box.TmpDir, "satchel-"), warning, StringComparison.Ordinal);
        Assert.Contains("/stuck (", warning, StringComparison.Ordinal);
        Assert.Contains("chattr -i", warning, StringComparison.Ordinal);
    }

    [RootFact]
    public void A_noexec_TMPDIR_falls_back_to_the_caches_temp_directory()
    {
        var noexec = MountNoExec("noexec-tmp");
        var app = _box.Pack("fallback", "echo \"$SATCHEL_APP_DIR\"\n");
        var result = _box.Run(app, null, ("TMPDIR", noexec));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith(Path.Combine(_box.CacheRoot, "v1", "temp", "satchel-"), result.StdOut, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(noexec));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_box.CacheRoot, "v1", "temp")));
    }

    [RootFact]
    public void A_noexec_SATCHEL_TEMP_is_an_error_that_names_the_variable()
    {
        var noexec = MountNoExec("noexec-explicit");
        var app = _box.Pack("refused", "echo ran\n");
        var result = _box.Run(app, null, ("SATCHEL_TEMP", noexec));
        Hostile.LauncherRun.AssertCleanFailure(result, 73, "SATCHEL_TEMP=" + noexec + " is on a file system mounted noexec");
        Assert.Empty(Directory.GetFileSystemEntries(noexec));
    }

    private string MountNoExec(string name)
    {
        var dir = _box.Combine(name);
        Directory.CreateDirectory(dir);
        var mount = ProcessRunner.Run("mount", ["-t", "tmpfs", "-o", "size=4m,noexec", "none", dir]);
        Assert.True(mount.ExitCode == 0, mount.ToString());
        _mounts.Add(dir);
        return dir;
    }

    /// <summary>Whether the only files left under <paramref name="root"/> are those inside the mount below it.</summary>
    private static bool OnlyTheMountIsLeft(string root)
    {
        var mount = MountsUnder(root).LastOrDefault();
        if (mount is null)
        {
            return false;
        }

        try
        {
            return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .All(f => f.StartsWith(mount + "/", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // the removal changed the tree while we looked
        }
    }

    private static IEnumerable<string> MountsUnder(string root) =>
        File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')[1]).Where(p => p.StartsWith(root, StringComparison.Ordinal));

    private static string FindMountUnder(string root) =>
        File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')[1]).Last(p => p.StartsWith(root, StringComparison.Ordinal));

    public void Dispose()
    {
        foreach (var mount in _mounts)
        {
            _ = ProcessRunner.Run("umount", ["-l", mount]);
        }

        _box.Dispose();
    }
}
