using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Format;
using Satchel.Runtime.Removal;
using Satchel.Testing;
using Satchel.Windows.Tests.Host;
using Xunit;

namespace Satchel.Windows.Tests.Cases;

/// <summary>Extraction into the cache and the atomic rename into place, with other Windows processes in the way.</summary>
public static class CacheCases
{
    /// <summary>Two processes extract the same unit at the same moment: one extracts, the other uses its copy; nothing is left over.</summary>
    [WindowsCase]
    public static void TwoProcessesExtractingTheSameUnitAtOnce()
    {
        using var scratch = new TempDirectory("satchel-wine");
        var appPath = CraftedApp.Write(scratch.Combine("app.bin"));
        var cache = scratch.Combine("cache");
        var start = new Handshake(scratch.Combine("start"));
        Directory.CreateDirectory(start.Directory);
        var logs = new[] { scratch.Combine("first.log"), scratch.Combine("second.log") };
        var handshakes = logs.Select(l => new Handshake(l + ".handshake")).ToList();
        handshakes.ForEach(h => Directory.CreateDirectory(h.Directory));

        using var first = HelperProcess.Start("extract", [appPath, cache, handshakes[0].Directory, logs[0]]);
        using var second = HelperProcess.Start("extract", [appPath, cache, handshakes[1].Directory, logs[1]]);
        handshakes[0].WaitUntilReady(first);
        handshakes[1].WaitUntilReady(second);
        handshakes.ForEach(h => h.Release());
        Assert.Equal(0, first.WaitForExit(Handshake.Deadline));
        Assert.Equal(0, second.WaitForExit(Handshake.Deadline));

        var texts = logs.Select(File.ReadAllText).ToList();
        Assert.Equal(1, texts.Count(t => t.Contains(" extracted: ", StringComparison.Ordinal)));
        using var app = AppFile.Open(appPath);
        var layout = new CacheLayout(cache);
        var key = CraftedApp.OnlyUnit(app).KeyHex;
        Assert.True(AtomicDirectory.IsCompleteAt(layout.UnitDir(key)), string.Join("\n---\n", texts));
        CraftedApp.AssertExtracted(layout.UnitFiles(key));
        Assert.Empty(layout.StaleUnitWorkDirs(key));
        Assert.Empty(Tombstone.LeftBeside(layout.UnitDir(key)));
    }

    /// <summary>
    /// The rename of a finished work directory into place fails while another process holds the
    /// directory (its current directory here, as a shell or Explorer window would): it is
    /// retried until that process lets go, then the unit is in place.
    /// </summary>
    [WindowsCase]
    public static void RenameIntoPlaceWaitsWhileTheWorkDirectoryIsHeld()
    {
        using var scratch = new TempDirectory("satchel-wine");
        var work = scratch.Combine("unit.work-1-0000");
        var final = scratch.Combine("unit");
        scratch.Write(@"unit.work-1-0000\files\module.py", "VALUE = 1\n");
        var handshake = new Handshake(scratch.Path);
        using var shell = HelperProcess.Start("stay", [handshake.Directory], workingDirectory: work);
        handshake.WaitUntilReady(shell);
        var holding = System.Diagnostics.Stopwatch.StartNew();

        var log = new CapturedLog();
        var options = new RemovalOptions(RealFileSystem.Instance, SystemClock.Instance, TimeSpan.FromSeconds(60));
        var move = Task.Run(() => DirectoryMover.Move(work, final, options, log.Log));
        Conditions.WaitUntil(() => log.Text.Contains("cannot rename", StringComparison.Ordinal) || move.IsCompleted, Handshake.Deadline, "the rename to retry");
        if (move.IsCompleted)
        {
            Assert.Fail($"the rename ended while the directory was held: {(move.IsFaulted ? move.Exception : move.Result)}");
        }
        while (holding.Elapsed < TimeSpan.FromSeconds(2))
        {
            Thread.Sleep(50);
        }

        handshake.Release();
        Assert.Equal(0, shell.WaitForExit(Handshake.Deadline));
        Assert.True(move.Wait(Handshake.Deadline));
        Assert.Equal(MoveOutcome.Moved, move.Result);
        Assert.Equal("VALUE = 1\n", File.ReadAllText(Path.Combine(final, "files", "module.py")));
        Assert.False(Directory.Exists(work));
    }

    /// <summary>
    /// A rename onto a unit that exists and is in use (an app holds one of its files without
    /// share-delete) reports DestinationExists and changes nothing: the running app's files are
    /// never replaced under it.
    /// </summary>
    [WindowsCase]
    public static void RenameOntoAUnitInUseLeavesItAlone()
    {
        using var scratch = new TempDirectory("satchel-wine");
        var work = scratch.Combine("unit.work-2-0000");
        scratch.Write(@"unit.work-2-0000\files\module.py", "VALUE = 2\n");
        var inUse = scratch.Write(@"unit\files\module.py", "VALUE = 1\n");
        var handshake = new Handshake(scratch.Path);
        using var app = HelperProcess.Start("hold", [handshake.Directory, inUse]);
        handshake.WaitUntilReady(app);

        var outcome = DirectoryMover.Move(work, scratch.Combine("unit"), new RemovalOptions(RealFileSystem.Instance, SystemClock.Instance, TimeSpan.FromSeconds(60)));
        Assert.Equal(MoveOutcome.DestinationExists, outcome);
        Assert.Equal("VALUE = 1\n", File.ReadAllText(inUse));
        Assert.Equal("VALUE = 2\n", File.ReadAllText(Path.Combine(work, "files", "module.py")));
        handshake.Release();
    }

    /// <summary>
    /// An extraction killed with TerminateProcess after writing its files but before the marker
    /// and the rename: the unit is not complete, and the next run takes the lock the dead process
    /// held, removes its work directory and extracts a complete unit.
    /// </summary>
    [WindowsCase]
    public static void CrashMidExtractionThenACleanRun()
    {
        using var scratch = new TempDirectory("satchel-wine");
        var appPath = CraftedApp.Write(scratch.Combine("app.bin"));
        var cache = scratch.Combine("cache");
        var handshake = new Handshake(scratch.Path);
        using (var crashing = HelperProcess.Start("extract-and-hang", [appPath, cache, handshake.Directory]))
        {
            var work = handshake.WaitUntilReady(crashing);
            Assert.True(Directory.Exists(work));
            crashing.Terminate();
        }

        using var app = AppFile.Open(appPath);
        var unit = CraftedApp.OnlyUnit(app);
        var layout = new CacheLayout(cache);
        Assert.False(AtomicDirectory.IsCompleteAt(layout.UnitDir(unit.KeyHex)));
        Assert.Single(layout.StaleUnitWorkDirs(unit.KeyHex));

        var log = new CapturedLog();
        Assert.True(new UnitInstaller(layout, log.Log).Ensure(app, unit, () => app.ReadIndex().Units[0]), log.LastLines());
        Assert.True(AtomicDirectory.IsCompleteAt(layout.UnitDir(unit.KeyHex)));
        CraftedApp.AssertExtracted(layout.UnitFiles(unit.KeyHex));
        Assert.Empty(layout.StaleUnitWorkDirs(unit.KeyHex));
        Assert.Empty(Tombstone.LeftBeside(layout.UnitDir(unit.KeyHex)));
    }
}
