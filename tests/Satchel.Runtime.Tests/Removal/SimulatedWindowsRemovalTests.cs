using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Removal;
using Satchel.Testing.SimulatedFileSystem;
using Xunit;

namespace Satchel.Runtime.Tests.Removal;

/// <summary>
/// The remover over a simulation of Windows semantics (scanners, sharing violations,
/// delete-pending files, read-only attributes) on a fake clock: every scenario runs the real
/// routine, deterministically and without waiting.
/// </summary>
public sealed class SimulatedWindowsRemovalTests
{
    private const string Tree = "/work/app.satchel-build";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    private readonly FakeClock _clock = new();
    private readonly SimulatedWindowsFileSystem _fs;
    private readonly StringWriter _logText = new();

    public SimulatedWindowsRemovalTests()
    {
        _fs = new SimulatedWindowsFileSystem(_clock);
        _fs.AddFile(Tree + "/app.exe", "launcher");
        _fs.AddFile(Tree + "/lib/python311.dll", "dll");
        _fs.AddFile(Tree + "/lib/site/module.pyd", "pyd");
        _fs.AddDirectory(Tree + "/empty");
        _fs.AddFile("/work/keep.txt", "not part of the tree");
    }

    private RemovalOptions Options(TimeSpan? budget = null) => new(_fs, _clock, budget ?? Budget);

    private bool Remove(out RemovalFailedException? failure, TimeSpan? budget = null) =>
        TreeRemover.TryRemove(Tree, Options(budget), out failure, new Log(true, _logText));

    private void AssertOnlyBystandersLeft() => Assert.Equal(["/work", "/work/keep.txt"], _fs.AllPaths());

    [Fact]
    public void A_tree_without_obstacles_is_removed_in_one_pass_without_waiting()
    {
        Assert.True(Remove(out _));
        AssertOnlyBystandersLeft();
        Assert.Empty(_clock.Sleeps);
    }

    [Fact]
    public void A_scanner_holding_a_file_for_300_ms_delays_removal_until_it_lets_go()
    {
        _fs.HoldLikeAScanner(Tree + "/lib/python311.dll", releaseAt: TimeSpan.FromMilliseconds(300));

        Assert.True(Remove(out var failure), failure?.Message);

        AssertOnlyBystandersLeft();
        Assert.Contains(_fs.Calls, call => call.EndsWith("python311.dll: 32", StringComparison.Ordinal));
        Assert.True(_clock.Now >= TimeSpan.FromMilliseconds(300));
        Assert.True(_clock.Now < TimeSpan.FromMilliseconds(700), $"backed off too far: {_clock.Now}");
        Assert.Contains("retry 1 in 10 ms", _logText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_scanner_that_never_lets_go_fails_with_the_typed_error_naming_exactly_that_file()
    {
        _fs.HoldLikeAScanner(Tree + "/lib/site/module.pyd", releaseAt: null);

        Assert.False(Remove(out var failure));

        // The directory holding an open file cannot be moved aside on Windows: removal went on in place.
        var stuck = Assert.Single(failure!.Failures);
        Assert.Equal(Tree + "/lib/site/module.pyd", stuck.Path);
        Assert.Equal(OsErrorKind.SharingViolation, stuck.Error.Kind);
        Assert.Equal(Tree, failure.Location);
        Assert.Equal(["/work", "/work/app.satchel-build", "/work/app.satchel-build/lib", "/work/app.satchel-build/lib/site",
            "/work/app.satchel-build/lib/site/module.pyd", "/work/keep.txt"], _fs.AllPaths());
        Assert.Contains("exclude the folder from real-time scanning", failure.Message, StringComparison.Ordinal);
        Assert.Contains(Tree + "/lib/site/module.pyd (", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Windows error 32", failure.Message, StringComparison.Ordinal);
        Assert.Equal(Satchel.Runtime.Errors.ExitCodes.IoError, failure.ExitCode);
        Assert.True(_clock.Now >= Budget && _clock.Now <= Budget + Backoff.MaxDelay, $"gave up at {_clock.Now}");
    }

    [Fact]
    public void A_delete_pending_file_keeps_its_directory_until_the_last_handle_closes()
    {
        // A process that opened the file with share-delete: the delete succeeds, the name stays.
        var handle = _fs.Open(Tree + "/lib/python311.dll", shareDelete: true);
        _clock.At(TimeSpan.FromMilliseconds(250), handle.Dispose);

        Assert.True(Remove(out var failure), failure?.Message);

        AssertOnlyBystandersLeft();
        Assert.Contains(_fs.Calls, call => call.Contains("python311.dll: ok (delete pending)", StringComparison.Ordinal));
        Assert.Contains(_fs.Calls, call => call.StartsWith("DeleteDirectory", StringComparison.Ordinal) && call.EndsWith("/lib: 145", StringComparison.Ordinal));
        Assert.True(_clock.Now >= TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public void A_delete_pending_directory_is_gone_once_the_handle_on_it_closes()
    {
        // A file watcher or a process whose current directory it is, opened with share-delete.
        var handle = _fs.Open(Tree + "/lib/site", shareDelete: true);
        _clock.At(TimeSpan.FromMilliseconds(200), handle.Dispose);

        Assert.True(Remove(out var failure), failure?.Message);

        AssertOnlyBystandersLeft();
        Assert.Contains($"DeleteDirectory {Tree}/lib/site: ok (delete pending)", _fs.Calls);
        Assert.Contains($"DeleteDirectory {Tree}/lib: 145", _fs.Calls);
        Assert.Contains($"List {Tree}/lib/site: 5", _fs.Calls);
        Assert.True(_clock.Now >= TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_delete_pending_file_whose_handle_never_closes_is_named_and_still_exists()
    {
        _fs.Open(Tree + "/lib/python311.dll", shareDelete: true);

        Assert.False(Remove(out var failure));

        var stuck = Assert.Single(failure!.Failures);
        Assert.EndsWith("/lib/python311.dll", stuck.Path, StringComparison.Ordinal);
        Assert.Equal(OsErrorKind.AccessDenied, stuck.Error.Kind);
        Assert.True(_fs.IsDeletePending(stuck.Path));
        Assert.True(_fs.Exists(stuck.Path));
    }

    [Fact]
    public void A_scanner_denying_access_three_times_is_retried_through()
    {
        _fs.DenyAccess(Tree + "/app.exe", times: 3);

        Assert.True(Remove(out var failure), failure?.Message);

        AssertOnlyBystandersLeft();
        Assert.Equal(3, _fs.Calls.Count(call => call == $"DeleteFile {TombstoneOf()}/app.exe: 5"));
        Assert.Equal(3, _clock.Sleeps.Count);
    }

    [Fact]
    public void Read_only_files_and_directories_are_removed_without_retries()
    {
        _fs.AddFile(Tree + "/ro/readonly.txt", "x", readOnly: true);
        _fs.AddDirectory(Tree + "/ro/locked-dir", readOnly: true);

        Assert.True(Remove(out var failure), failure?.Message);

        AssertOnlyBystandersLeft();
        Assert.Empty(_clock.Sleeps);
        Assert.Contains(_fs.Calls, call => call.StartsWith("MakeRemovable", StringComparison.Ordinal) && call.Contains("readonly.txt", StringComparison.Ordinal));
    }

    [Fact]
    public void A_permanent_error_fails_fast_and_everything_else_is_removed()
    {
        const int FileCorrupt = 1392;
        _fs.FailPermanently(Tree + "/lib/site/module.pyd", FileCorrupt);

        Assert.False(Remove(out var failure));

        var stuck = Assert.Single(failure!.Failures);
        Assert.Equal(FileCorrupt, stuck.Error.Code);
        Assert.Empty(_clock.Sleeps);
        var location = failure.Location;
        Assert.NotEqual(Tree, location);
        Assert.Equal(["/work", location, location + "/lib", location + "/lib/site", location + "/lib/site/module.pyd", "/work/keep.txt"], _fs.AllPaths());
    }

    [Fact]
    public void The_original_path_is_free_at_once_even_when_deletion_fails()
    {
        _fs.FailPermanently(Tree + "/app.exe", 1392);

        Assert.False(Remove(out var failure));

        Assert.True(failure!.RequestedPathFreed);
        Assert.False(_fs.Exists(Tree));
        Assert.StartsWith(Tree + Tombstone.Infix, failure.Location, StringComparison.Ordinal);
        Assert.Contains($"moved aside to {failure.Location}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_leftover_tombstone_is_removed_in_place_not_renamed_again()
    {
        const string Leftover = "/work/app.satchel-build.satchel-del-0badc0de";
        _fs.AddFile(Leftover + "/x/y.txt");

        Assert.True(TreeRemover.TryRemove(Leftover, Options(), out _));

        Assert.DoesNotContain(_fs.Calls, call => call.StartsWith("Rename", StringComparison.Ordinal));
        Assert.False(_fs.Exists(Leftover));
    }

    [Fact]
    public void Passes_that_make_progress_keep_going_past_the_budget()
    {
        // A scanner working through the files one by one, slower than the whole budget in total.
        var budget = TimeSpan.FromSeconds(1);
        for (var i = 1; i <= 5; i++)
        {
            _fs.AddFile($"{Tree}/scanned/{i}.dat");
            _fs.HoldLikeAScanner($"{Tree}/scanned/{i}.dat", TimeSpan.FromMilliseconds(800 * i));
        }

        Assert.True(Remove(out var failure, budget), failure?.Message);

        AssertOnlyBystandersLeft();
        Assert.True(_clock.Now >= TimeSpan.FromMilliseconds(4000), $"finished at {_clock.Now}");
    }

    [Fact]
    public void A_writer_that_refills_a_directory_forever_exhausts_the_budget_instead_of_looping()
    {
        var count = 0;
        _fs.OnList(Tree + "/lib", current => _fs.AddFile($"{current}/log-{count++}.txt"));

        Assert.False(Remove(out var failure, TimeSpan.FromSeconds(2)));

        var stuck = Assert.Single(failure!.Failures);
        Assert.EndsWith("/lib", stuck.Path, StringComparison.Ordinal);
        Assert.Equal(OsErrorKind.NotEmpty, stuck.Error.Kind);
        Assert.True(_clock.Now <= TimeSpan.FromSeconds(2) + Backoff.MaxDelay, $"ran until {_clock.Now}");
    }

    [Fact]
    public void Links_are_removed_and_never_followed()
    {
        _fs.AddFile("/elsewhere/precious.txt", "keep me");
        _fs.AddLink(Tree + "/lib/junction", "/elsewhere");
        _fs.AddLink(Tree + "/file-link", "/elsewhere/precious.txt");

        Assert.True(Remove(out var failure), failure?.Message);

        Assert.Equal("keep me", _fs.ReadFile("/elsewhere/precious.txt"));
        Assert.DoesNotContain(_fs.Calls, call => call.Contains("/elsewhere", StringComparison.Ordinal));
    }

    [Fact]
    public void A_zero_budget_means_one_pass_and_no_retry()
    {
        _fs.HoldLikeAScanner(Tree + "/app.exe", TimeSpan.FromMilliseconds(5));

        Assert.False(Remove(out var failure, TimeSpan.Zero));

        Assert.Empty(_clock.Sleeps);
        Assert.Equal(OsErrorKind.SharingViolation, Assert.Single(failure!.Failures).Error.Kind);
    }

    [Fact]
    public void A_path_that_does_not_exist_is_already_removed()
    {
        Assert.True(TreeRemover.TryRemove("/work/never-was", Options(), out _));
        Assert.Equal(["Inspect /work/never-was: absent"], _fs.Calls);
    }

    /// <summary>The tombstone the tree was renamed to (from the recorded rename).</summary>
    private string TombstoneOf() => _fs.Calls.Where(c => c.StartsWith($"Rename {Tree}: ok -> ", StringComparison.Ordinal))
        .Select(c => c[$"Rename {Tree}: ok -> ".Length..]).DefaultIfEmpty(Tree).First();
}
