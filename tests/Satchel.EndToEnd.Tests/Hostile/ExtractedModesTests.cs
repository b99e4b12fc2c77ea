using Satchel.Testing;
using Satchel.Testing.Payloads;
using Xunit;

namespace Satchel.EndToEnd.Tests.Hostile;

/// <summary>
/// What the real launcher creates is private whatever the umask: the root and every directory
/// 0700, files 0600, executables 0700, the marker and the lock 0600. Run under umask 0, where
/// any mode left to the default would come out world-writable.
/// </summary>
public sealed class ExtractedModesTests(SampleApp sample) : IClassFixture<SampleApp>, IDisposable
{
    private readonly TempDirectory _dir = new("satchel-modes");

    [Fact]
    public void Everything_extracted_is_private_even_under_umask_0()
    {
        var root = _dir.Combine("cache");
        var env = new Dictionary<string, string?> { ["SATCHEL_ROOT"] = root };

        var result = ProcessRunner.Run("/bin/sh", ["-c", "umask 000; exec \"$0\" \"$@\"", sample.Path], env);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{SampleApp.Output}\n", result.StdOut);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(root));
        Assert.Equal([sample.KeyHex], CacheAudit.AssertConsistent(root, sample.Known));

        // The audit checks every mode; make sure the tree it saw had each kind of entry in it.
        var files = Path.Combine(root, "v1", "units", sample.KeyHex, "files");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(files, "run.sh")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(files, "data", "notes.txt")));
        Assert.Equal("notes.txt", new FileInfo(Path.Combine(files, "data", "current")).LinkTarget);
        Assert.True(File.Exists(Path.Combine(root, "v1", "units", sample.KeyHex + ".lock")));
    }

    public void Dispose() => _dir.Dispose();
}
