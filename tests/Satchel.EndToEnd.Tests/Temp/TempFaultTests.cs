using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Temp;

/// <summary>Real faults in a temp run's directory (root: mount, chattr) and noexec temp file systems.</summary>
public sealed class TempFaultTests : IDisposable
{
    private readonly TempSandbox _box = new();
    private readonly List<string> _mounts = [];

    [RootFact]
    public void A_tmpfs_the_app_mounted_inside_and_that_is_unmounted_a_second_after_exit_does_not_stop_the_removal()
    {
        var mounted = _box.Combine("mounted");
        var app = _box.Pack("mounter", $"mkdir \"$SATCHEL_APP_DIR/mnt\"\nmount -t tmpfs -o size=1m none \"$SATCHEL_APP_DIR/mnt\"\necho data > \"$SATCHEL_APP_DIR/mnt/file\"\necho \"$SATCHEL_APP_DIR/mnt\" > {mounted}\nexit 6\n");
        using var launcher = _box.Start(app);
        TempSandbox.WaitFor(mounted, launcher);
        var mountPoint = File.ReadAllText(mounted).Trim();
        _mounts.Add(mountPoint);

        // The background unmount: a second after the app's exit, while the launcher retries EBUSY.
        var unmount = Task.Run(() =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(1.5));
            var busy = Directory.GetFileSystemEntries(_box.TmpDir);
            var where = Directory.Exists(mountPoint) ? mountPoint : FindMountUnder(_box.TmpDir);
            return (busy, ProcessRunner.Run("umount", [where]));
        });
        var result = TempSandbox.Finish(launcher);
        var (whileBusy, umount) = unmount.Result;
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
