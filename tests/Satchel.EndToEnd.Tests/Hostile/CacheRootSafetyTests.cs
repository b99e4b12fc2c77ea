using Satchel.Runtime.Cache;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Satchel.Testing.Payloads;
using Xunit;

namespace Satchel.EndToEnd.Tests.Hostile;

/// <summary>
/// A cache root or cache entries that someone else could control, met by the real launcher: a
/// root owned by another user or writable by others is refused (exit 73, one line, nothing
/// created in it); symlinks planted where the launcher will look or write are never followed:
/// the unit path and stale work paths are replaced, the lock path is refused.
/// </summary>
public sealed class CacheRootSafetyTests(SampleApp sample) : IClassFixture<SampleApp>, IDisposable
{
    private const UnixFileMode PrivateDir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly TempDirectory _dir = new("satchel-root-safety");

    private string Root => _dir.Combine("root");

    private string Units => Path.Combine(Root, CacheLayout.Schema, "units");

    [RootFact]
    public void Root_owned_by_another_user_is_refused()
    {
        Directory.CreateDirectory(Root, PrivateDir);
        Chown(Root, 12345);

        var result = LauncherRun.Run(sample.Path, Root);

        LauncherRun.AssertCleanFailure(result, ExitCodes.CantCreate, $"cache directory {Root} (from SATCHEL_ROOT) is owned by uid 12345, not by root (you); ");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Root));
    }

    [RootFact]
    public void Symlinked_root_leading_to_a_directory_of_another_user_is_refused_by_its_real_path()
    {
        var real = _dir.Combine("foreign");
        Directory.CreateDirectory(real, PrivateDir);
        Chown(real, 12345);
        File.CreateSymbolicLink(Root, real);

        var result = LauncherRun.Run(sample.Path, Root);

        LauncherRun.AssertCleanFailure(result, ExitCodes.CantCreate, $"cache directory {real} (from SATCHEL_ROOT) is owned by uid 12345");
        Assert.Empty(Directory.EnumerateFileSystemEntries(real));
    }

    [Theory]
    [InlineData(0b111_111_111)] // 0777
    [InlineData(0b1_111_111_111)] // 1777: the sticky bit protects names, not what a unit's files contain
    [InlineData(0b111_111_000)] // 0770
    [InlineData(0b111_000_010)] // 0702
    public void Root_writable_by_others_is_refused(int mode)
    {
        Directory.CreateDirectory(Root);
        File.SetUnixFileMode(Root, (UnixFileMode)mode);

        var result = LauncherRun.Run(sample.Path, Root);

        LauncherRun.AssertCleanFailure(result, ExitCodes.CantCreate, $"cache directory {Root} (from SATCHEL_ROOT) is writable by other users");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Root));
    }

    [Fact]
    public void Symlink_at_the_unit_path_is_replaced_and_its_target_left_alone()
    {
        var victim = Victim();
        CreateUnitsDirectory();
        File.CreateSymbolicLink(Path.Combine(Units, sample.KeyHex), victim);

        AssertRunsTheRealApp();
        AssertVictimUntouched(victim);
    }

    [Fact]
    public void Dangling_symlink_at_the_unit_path_is_replaced()
    {
        CreateUnitsDirectory();
        File.CreateSymbolicLink(Path.Combine(Units, sample.KeyHex), _dir.Combine("nowhere"));

        AssertRunsTheRealApp();
        Assert.False(Path.Exists(_dir.Combine("nowhere")));
    }

    [Fact]
    public void File_at_the_unit_path_is_replaced()
    {
        CreateUnitsDirectory();
        File.WriteAllText(Path.Combine(Units, sample.KeyHex), "not a unit\n");

        AssertRunsTheRealApp();
    }

    [Fact]
    public void Symlink_at_the_unit_path_to_a_forged_complete_unit_is_not_trusted()
    {
        // A tree that looks complete (marker, files/run.sh) but is not the app's.
        var forged = _dir.Combine("forged");
        Directory.CreateDirectory(Path.Combine(forged, CacheLayout.UnitFilesDirectory));
        File.WriteAllText(Path.Combine(forged, AtomicDirectory.CompleteMarker), "format=1\n");
        _dir.Write("forged/files/run.sh", "#!/bin/sh\necho forged\n", executable: true);
        CreateUnitsDirectory();
        File.CreateSymbolicLink(Path.Combine(Units, sample.KeyHex), forged);

        AssertRunsTheRealApp();
        Assert.Equal("#!/bin/sh\necho forged\n", File.ReadAllText(Path.Combine(forged, "files/run.sh")));
    }

    [Fact]
    public void Symlink_at_a_stale_work_path_is_removed_without_following_it()
    {
        var victim = Victim();
        CreateUnitsDirectory();
        File.CreateSymbolicLink(Path.Combine(Units, sample.KeyHex + AtomicDirectory.WorkInfix + "1-deadbeef"), victim);

        AssertRunsTheRealApp();
        AssertVictimUntouched(victim);
    }

    [Fact]
    public void Work_directory_left_by_a_crashed_run_is_removed()
    {
        CreateUnitsDirectory();
        var stale = Path.Combine(Units, sample.KeyHex + AtomicDirectory.WorkInfix + "1-0badc0de");
        _dir.Write(Path.GetRelativePath(_dir.Path, Path.Combine(stale, "files", "run.sh")), "#!/bin/sh\necho half-written\n", executable: true);

        AssertRunsTheRealApp();
        Assert.False(Path.Exists(stale));
    }

    [Fact]
    public void Symlink_at_the_lock_path_is_refused_and_its_target_left_alone()
    {
        var victim = _dir.Write("victim.txt", "victim\n");
        CreateUnitsDirectory();
        File.CreateSymbolicLink(Path.Combine(Units, sample.KeyHex + ".lock"), victim);

        var result = LauncherRun.Run(sample.Path, Root);

        LauncherRun.AssertCleanFailure(result, ExitCodes.CantCreate, $"cannot open lock file {Path.Combine(Units, sample.KeyHex + ".lock")}");
        Assert.Equal("victim\n", File.ReadAllText(victim));
        Assert.False(Directory.Exists(Path.Combine(Units, sample.KeyHex)));
    }

    [Theory]
    [InlineData(0b111_111_111)] // 0777
    [InlineData(0b1_111_111_111)] // 1777, like /tmp
    public void Symlinked_schema_directory_leading_to_a_shared_place_is_refused(int mode)
    {
        var shared = _dir.Combine("shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)mode);
        Directory.CreateDirectory(Root, PrivateDir);
        var schema = Path.Combine(Root, CacheLayout.Schema);
        File.CreateSymbolicLink(schema, shared);

        var result = LauncherRun.Run(sample.Path, Root);

        LauncherRun.AssertCleanFailure(result, ExitCodes.CantCreate, $"cache directory {shared} (from the symbolic link {schema}) is writable by other users");
        Assert.Empty(Directory.EnumerateFileSystemEntries(shared));
    }

    [RootFact]
    public void Symlinked_schema_directory_leading_to_a_directory_of_another_user_is_refused()
    {
        var foreign = _dir.Combine("foreign");
        Directory.CreateDirectory(foreign, PrivateDir);
        Chown(foreign, 12345);
        Directory.CreateDirectory(Root, PrivateDir);
        File.CreateSymbolicLink(Path.Combine(Root, CacheLayout.Schema), foreign);

        var result = LauncherRun.Run(sample.Path, Root);

        LauncherRun.AssertCleanFailure(result, ExitCodes.CantCreate, $"cache directory {foreign} (from the symbolic link {Path.Combine(Root, CacheLayout.Schema)}) is owned by uid 12345");
        Assert.Empty(Directory.EnumerateFileSystemEntries(foreign));
    }

    [Fact]
    public void Symlinked_schema_directory_leading_to_a_private_directory_is_used()
    {
        var moved = _dir.Combine("bigger-disk");
        Directory.CreateDirectory(moved, PrivateDir);
        Directory.CreateDirectory(Root, PrivateDir);
        File.CreateSymbolicLink(Path.Combine(Root, CacheLayout.Schema), moved);

        AssertRunsTheRealApp();
        Assert.True(File.Exists(Path.Combine(moved, "units", sample.KeyHex, AtomicDirectory.CompleteMarker)));
    }

    /// <summary>The root, schema and units directories, each 0700 as the launcher makes them (CreateDirectory's mode covers only the last).</summary>
    private void CreateUnitsDirectory()
    {
        foreach (var dir in new[] { Root, Path.GetDirectoryName(Units)!, Units })
        {
            Directory.CreateDirectory(dir, PrivateDir);
        }
    }

    private void AssertRunsTheRealApp()
    {
        var result = LauncherRun.Run(sample.Path, Root);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{SampleApp.Output}\n", result.StdOut);
        Assert.Equal([sample.KeyHex], CacheAudit.AssertConsistent(Root, sample.Known));
    }

    private string Victim()
    {
        var victim = _dir.Combine("victim");
        _dir.Write("victim/keep.txt", "victim\n");
        return victim;
    }

    private static void AssertVictimUntouched(string victim)
    {
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(victim).Select(Path.GetFileName));
        Assert.Equal("victim\n", File.ReadAllText(Path.Combine(victim, "keep.txt")));
    }

    private static void Chown(string path, int uid)
    {
        var result = ProcessRunner.Run("chown", [uid.ToString(), path]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public void Dispose()
    {
        // Give foreign-owned directories back so the temp directory can be removed.
        if (RootPrivileges.IsRoot)
        {
            ProcessRunner.Run("chown", ["-R", "0", _dir.Path]);
        }

        _dir.Dispose();
    }
}
