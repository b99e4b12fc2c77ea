using Satchel.Runtime.Removal;
using Satchel.Testing;
using Satchel.Testing.SimulatedFileSystem;
using Xunit;

namespace Satchel.Runtime.Tests.Removal;

/// <summary>
/// Renaming a finished work directory into the cache: retried through a Windows scanner,
/// giving way to a copy another process put in place, and failing for good on Unix errors.
/// </summary>
public sealed class DirectoryMoverTests
{
    private const string Work = "/cache/v1/units/abc.work-1-ffff";
    private const string Final = "/cache/v1/units/abc";

    private readonly FakeClock _clock = new();
    private readonly SimulatedWindowsFileSystem _fs;

    public DirectoryMoverTests()
    {
        _fs = new SimulatedWindowsFileSystem(_clock);
        _fs.AddFile(Work + "/files/app.py", "print(1)");
        _fs.AddFile(Work + "/.satchel-complete", "format=1");
    }

    private RemovalOptions Options => new(_fs, _clock, TimeSpan.FromSeconds(10));

    [Fact]
    public void A_scanner_denying_access_is_waited_out()
    {
        _fs.DenyAccess(Work, times: 4);

        Assert.Equal(MoveOutcome.Moved, DirectoryMover.Move(Work, Final, Options));

        Assert.Equal("print(1)", _fs.ReadFile(Final + "/files/app.py"));
        Assert.False(_fs.Exists(Work));
        Assert.Equal(4, _clock.Sleeps.Count);
    }

    [Fact]
    public void A_file_held_open_inside_is_waited_out()
    {
        _fs.HoldLikeAScanner(Work + "/files/app.py", TimeSpan.FromMilliseconds(120));

        Assert.Equal(MoveOutcome.Moved, DirectoryMover.Move(Work, Final, Options));
        Assert.True(_fs.Exists(Final + "/files/app.py"));
    }

    [Fact]
    public void A_destination_that_appears_while_waiting_means_another_process_won()
    {
        _fs.DenyAccess(Work, times: 1000);
        _clock.At(TimeSpan.FromMilliseconds(50), () => _fs.AddFile(Final + "/.satchel-complete", "theirs"));

        Assert.Equal(MoveOutcome.DestinationExists, DirectoryMover.Move(Work, Final, Options));

        Assert.Equal("theirs", _fs.ReadFile(Final + "/.satchel-complete"));
        Assert.True(_fs.Exists(Work + "/files/app.py"));
    }

    [Fact]
    public void A_destination_already_there_is_reported_without_retrying()
    {
        _fs.AddFile(Final + "/.satchel-complete", "theirs");

        Assert.Equal(MoveOutcome.DestinationExists, DirectoryMover.Move(Work, Final, Options));
        Assert.Empty(_clock.Sleeps);
    }

    [Fact]
    public void Access_denied_for_longer_than_the_budget_fails_with_the_os_error()
    {
        _fs.DenyAccess(Work, times: int.MaxValue);

        var error = Assert.Throws<OsErrorException>(() => DirectoryMover.Move(Work, Final, Options));

        Assert.Equal(OsErrorKind.AccessDenied, error.Error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(10), _clock.Now);
    }

    [Fact]
    public void On_unix_a_real_rename_onto_a_populated_directory_reports_the_winner()
    {
        using var dir = new TempDirectory("satchel-mover");
        dir.Write("work/files/a.txt", "ours");
        dir.Write("final/files/a.txt", "theirs");

        var outcome = DirectoryMover.Move(dir.Combine("work"), dir.Combine("final"));

        Assert.Equal(MoveOutcome.DestinationExists, outcome);
        Assert.Equal("theirs", File.ReadAllText(dir.Combine("final/files/a.txt")));
        Assert.Equal("ours", File.ReadAllText(dir.Combine("work/files/a.txt")));
    }
}
