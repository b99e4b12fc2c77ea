using Satchel.Build.Wheels;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.Build.Tests.Wheels;

/// <summary>Real file-system faults during an install: a full disk (a 1 MB tmpfs).</summary>
public sealed class WheelInstallFaultTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-wheelfault");

    [RootFact]
    public void A_full_disk_ends_in_one_line_with_exit_73_and_leaves_the_disk_empty()
    {
        var payload = new byte[3 << 20];
        new Random(7).NextBytes(payload);
        var wheelPath = new WheelBuilder("big", "1.0").AddFile("big/__init__.py", "").AddFile("big/blob.bin", payload).Build(_dir.Combine("wheels"));
        var mount = _dir.Combine("small");
        Directory.CreateDirectory(mount);
        var mounted = ProcessRunner.Run("mount", ["-t", "tmpfs", "-o", "size=1m", "none", mount]);
        Assert.True(mounted.ExitCode == 0, mounted.ToString());
        try
        {
            var e = Assert.Throws<SatchelException>(() => WheelInstaller.Install(wheelPath, Path.Combine(mount, "tree")));
            Assert.Equal(ExitCodes.CantCreate, e.ExitCode);
            Assert.Contains("no space left", e.Message, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(mount, "tree"), e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
            Assert.Empty(Directory.GetFileSystemEntries(mount));
        }
        finally
        {
            ProcessRunner.Run("umount", [mount]);
        }
    }

    public void Dispose() => _dir.Dispose();
}
