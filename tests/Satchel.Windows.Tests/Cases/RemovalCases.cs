using Satchel.Runtime.Removal;
using Satchel.Testing;
using Satchel.Windows.Tests.Host;
using Xunit;

namespace Satchel.Windows.Tests.Cases;

/// <summary>
/// The seed of the project (a build directory whose removal silently failed while a virus
/// scanner held its files, then an assertion crashed the build), on the real Windows file system:
/// another process holds files the way scanners, shells and dying processes do, and the tree
/// remover must wait for what passes and report, on one line, what does not.
/// </summary>
public static class RemovalCases
{
    /// <summary>A build directory's leftover tombstone: the remover deletes it where it is, without moving it aside first.</summary>
    private const string InPlace = "app.satchel-build" + Tombstone.Infix + "0badf00d";

    /// <summary>Time without progress a removal may wait for a holder that is released ~2 s after the first retry: ample on a loaded machine.</summary>
    private static readonly TimeSpan WaitBudget = TimeSpan.FromSeconds(20);

    private static readonly string[] ScannedFiles = [@"app.exe", @"lib\python311.zip", @"lib\site\module.pyd"];

    /// <summary>A scanner holds files without FILE_SHARE_DELETE for 2 s: the removal retries and removes everything.</summary>
    [WindowsCase]
    public static void ScannerHoldingFilesForTwoSecondsIsWaitedFor()
    {
        using var scratch = new TempDirectory("satchel-wine");
        var tree = BuildDirectory(scratch);
        var handshake = new Handshake(scratch.Path);
        using var scanner = HelperProcess.Start("hold", [handshake.Directory, .. ScannedPaths(tree)]);
        handshake.WaitUntilReady(scanner);
        var holding = System.Diagnostics.Stopwatch.StartNew();
        AssertSharingViolation(Path.Combine(tree, ScannedFiles[0]));

        var removal = RemovalRun.Start(tree, budget: WaitBudget);
        removal.WaitForFirstRetry();
        HoldAtLeast(holding, TimeSpan.FromSeconds(2));
        handshake.Release();
        Assert.Equal(0, scanner.WaitForExit(Handshake.Deadline));
        removal.AssertRemoved();
    }

    /// <summary>
    /// A scanner holds files for longer than the budget: the removal ends with exit 74 and one line
    /// naming every path left, and everything else is gone (no silent leftover).
    /// </summary>
    [WindowsCase]
    public static void ScannerHoldingFilesPastTheBudgetIsReportedOnOneLine()
    {
        using var scratch = new TempDirectory("satchel-wine");
        var tree = BuildDirectory(scratch);
        var handshake = new Handshake(scratch.Path);
        using var scanner = HelperProcess.Start("hold", [handshake.Directory, .. ScannedPaths(tree)]);
        handshake.WaitUntilReady(scanner);

        var removal = RemovalRun.Start(tree, budget: TimeSpan.FromSeconds(2));
        var failure = removal.Finish();
        handshake.Release();
        scanner.WaitForExit(Handshake.Deadline);

        Assert.NotNull(failure);
        Assert.Equal(74, failure.ExitCode);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.Contains("; retry ", removal.Log.Text, StringComparison.Ordinal);
        var expected = ScannedFiles.Select(f => Path.Combine(failure.Location, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, failure.Failures.Select(f => f.Path).Order(StringComparer.Ordinal).ToList());
        Assert.All(failure.Failures, f => Assert.Equal(OsErrorKind.SharingViolation, f.Error.Kind));
        Assert.All(expected, path => Assert.Contains(path, failure.Message, StringComparison.Ordinal));

        // Nothing but the held files (and the directories holding them) was left.
        var left = Directory.GetFileSystemEntries(failure.Location, "*", SearchOption.AllDirectories).Where(File.Exists).Order(StringComparer.Ordinal);
        Assert.Equal(expected, left);
        TreeRemover.Remove(failure.Location);
    }

    /// <summary>Files with the read-only attribute (which DeleteFile refuses with access denied) are made removable and removed.</summary>
    [WindowsCase]
    public static void ReadOnlyFilesAreRemoved()
    {
        using var scratch = new TempDirectory("satchel-wine");
        var tree = BuildDirectory(scratch);
        foreach (var file in ScannedPaths(tree))
        {
            File.SetAttributes(file, FileAttributes.ReadOnly);
        }

        File.SetAttributes(Path.Combine(tree, "lib"), FileAttributes.Directory | FileAttributes.ReadOnly);
        var probe = scratch.Write("probe.txt", "read-only");
        File.SetAttributes(probe, FileAttributes.ReadOnly);
        Assert.Throws<UnauthorizedAccessException>(() => File.Delete(probe));

        // A short budget: access denied is also what a scanner answers, so it is retried; without
        // clearing the attribute the removal would fail after the budget.
        var removal = RemovalRun.Start(tree, budget: TimeSpan.FromSeconds(3));
        removal.AssertRemoved();
    }

    /// <summary>
    /// A directory that is another process's current directory cannot be removed until that
    /// process leaves. The tree is a tombstone (removed in place): Windows refuses to move aside a
    /// tree holding another process's current directory, while Wine allows it (docs/removal.md).
    /// </summary>
    [WindowsCase]
    public static void DirectoryThatIsAnotherProcessCurrentDirectoryIsWaitedFor()
    {
        using var scratch = new TempDirectory("satchel-wine");
        var tree = BuildDirectory(scratch, InPlace);
        var handshake = new Handshake(scratch.Path);
        using var shell = HelperProcess.Start("stay", [handshake.Directory], workingDirectory: Path.Combine(tree, @"lib\site"));
        handshake.WaitUntilReady(shell);
        var holding = System.Diagnostics.Stopwatch.StartNew();

        var removal = RemovalRun.Start(tree, budget: WaitBudget);
        removal.WaitForFirstRetry();
        Assert.Contains(@"lib\site", removal.Log.Text, StringComparison.Ordinal);
        HoldAtLeast(holding, TimeSpan.FromSeconds(2));
        handshake.Release();
        Assert.Equal(0, shell.WaitForExit(Handshake.Deadline));
        removal.AssertRemoved();
    }

    /// <summary>
    /// A file deleted while another process has it open with FILE_SHARE_DELETE stays listed, and
    /// its directory not empty, until that handle closes: the removal must treat that as transient
    /// and wait. The tree is a tombstone (removed in place, as the sweeps do), because Windows
    /// refuses to move aside a directory with an open file inside, while Wine allows it
    /// (docs/removal.md, "Verified under Wine").
    /// </summary>
    [WindowsCase]
    public static void DeletePendingFileIsWaitedFor()
    {
        using var scratch = new TempDirectory("satchel-wine");
        var tree = BuildDirectory(scratch, InPlace);
        var pending = Path.Combine(tree, ScannedFiles[2]);
        var handshake = new Handshake(scratch.Path);
        using var holder = HelperProcess.Start("delete-pending", [handshake.Directory, pending]);
        handshake.WaitUntilReady(holder);
        var holding = System.Diagnostics.Stopwatch.StartNew();
        Assert.Contains(pending, Directory.GetFileSystemEntries(Path.GetDirectoryName(pending)!));

        var removal = RemovalRun.Start(tree, budget: WaitBudget);
        removal.WaitForFirstRetry();
        Assert.Contains("(Windows error 145)", removal.Log.Text, StringComparison.Ordinal);
        HoldAtLeast(holding, TimeSpan.FromSeconds(2));
        handshake.Release();
        Assert.Equal(0, holder.WaitForExit(Handshake.Deadline));
        removal.AssertRemoved();
    }

    /// <summary>Paths longer than MAX_PATH (260), one of them held for a while, are removed like any other.</summary>
    [WindowsCase]
    public static void LongPathsAreRemoved()
    {
        using var scratch = new TempDirectory("satchel-wine");
        var tree = scratch.Combine("build");
        var deep = tree;
        while (deep.Length <= 300)
        {
            deep = Path.Combine(deep, "a-directory-name-of-forty-characters-xx");
        }

        Directory.CreateDirectory(deep);
        var files = Enumerable.Range(0, 5).Select(i => Path.Combine(deep, $"module-{i}.pyd")).ToList();
        files.ForEach(f => File.WriteAllText(f, f));
        File.SetAttributes(files[1], FileAttributes.ReadOnly);
        Assert.True(files[0].Length > 260);

        var handshake = new Handshake(scratch.Path);
        using var scanner = HelperProcess.Start("hold", [handshake.Directory, files[0]]);
        handshake.WaitUntilReady(scanner);
        var removal = RemovalRun.Start(tree, budget: WaitBudget);
        removal.WaitForFirstRetry();
        handshake.Release();
        Assert.Equal(0, scanner.WaitForExit(Handshake.Deadline));
        removal.AssertRemoved();
    }

    /// <summary>A build directory: files at several depths, like a staged app.</summary>
    private static string BuildDirectory(TempDirectory scratch, string name = "app.satchel-build")
    {
        var tree = scratch.Combine(name);
        foreach (var file in ScannedFiles.Concat([@"readme.txt", @"lib\site\other.py", @"lib\site\pkg\__init__.py"]))
        {
            scratch.Write(Path.Combine(name, file), file);
        }

        return tree;
    }

    private static IEnumerable<string> ScannedPaths(string tree) => ScannedFiles.Select(f => Path.Combine(tree, f));

    /// <summary>The helper's hold is real: deleting the file from here fails with a sharing violation (32).</summary>
    private static void AssertSharingViolation(string path)
    {
        var e = Assert.ThrowsAny<IOException>(() => File.Delete(path));
        Assert.Equal(32, e.HResult & 0xFFFF);
    }

    /// <summary>A scanner holds its files for a while: the holder is released no earlier than <paramref name="hold"/> after it took them.</summary>
    private static void HoldAtLeast(System.Diagnostics.Stopwatch holding, TimeSpan hold)
    {
        if (holding.Elapsed < hold)
        {
            Thread.Sleep(hold - holding.Elapsed);
        }
    }
}
