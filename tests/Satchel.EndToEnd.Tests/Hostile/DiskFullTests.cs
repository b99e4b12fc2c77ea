using Satchel.Runtime.Errors;
using Satchel.Testing;
using Satchel.Testing.Payloads;
using Xunit;

namespace Satchel.EndToEnd.Tests.Hostile;

/// <summary>
/// A real full disk: the cache on a 1 MiB tmpfs, an app of a few MB of random data. The launcher
/// must fail with exit 73 and the one line that says the disk is full, keep nothing but lock
/// files, and succeed on the next run once there is room. Two shapes, because the two ways of
/// running out differ: files over 1 MiB are preallocated (fallocate fails), smaller ones fail in write.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-disk-full");

    [RootFact]
    public void Large_files_on_a_full_disk_fail_cleanly_and_the_next_run_after_freeing_space_succeeds() =>
        FailThenSucceed(files: 3, size: 1536 * 1024);

    [RootFact]
    public void Many_small_files_on_a_full_disk_fail_cleanly_and_the_next_run_after_freeing_space_succeeds() =>
        FailThenSucceed(files: 40, size: 100 * 1024);

    private void FailThenSucceed(int files, int size)
    {
        var random = new Random(files);
        _dir.Write("src/run.sh", "#!/bin/sh\necho disk-ok\n", executable: true);
        for (var i = 0; i < files; i++)
        {
            var data = new byte[size];
            random.NextBytes(data);
            File.WriteAllBytes(_dir.Write($"src/data/f{i:00}", string.Empty), data);
        }

        var app = _dir.Combine("app");
        var pack = SatchelCli.Run(["pack", _dir.Combine("src"), "--entry", "run.sh", "-o", app, "--quiet"]);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var known = CacheAudit.Known(PayloadSections.Read(File.ReadAllBytes(app)).Index);

        var mount = _dir.Combine("mnt");
        Directory.CreateDirectory(mount);
        Mount(mount, "size=1m,mode=0700");
        try
        {
            var root = Path.Combine(mount, "root");

            var full = LauncherRun.Run(app, root);

            LauncherRun.AssertCleanFailure(full, ExitCodes.CantCreate, "no space left on the device while extracting into " + Path.Combine(root, "v1", "units"));
            CacheAudit.AssertOnlyLocks(root);

            Mount(mount, "remount,size=64m");
            var roomy = LauncherRun.Run(app, root);

            Assert.True(roomy.ExitCode == 0, roomy.ToString());
            Assert.Equal("disk-ok\n", roomy.StdOut);
            Assert.Single(CacheAudit.AssertConsistent(root, known));
        }
        finally
        {
            ProcessRunner.Run("umount", [mount]);
        }
    }

    private static void Mount(string directory, string options)
    {
        var result = ProcessRunner.Run("mount", ["-t", "tmpfs", "-o", options, "none", directory]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public void Dispose() => _dir.Dispose();
}
