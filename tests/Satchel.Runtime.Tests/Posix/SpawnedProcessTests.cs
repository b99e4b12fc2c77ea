using Satchel.Runtime.Posix;
using Xunit;

namespace Satchel.Runtime.Tests.Posix;

public sealed class SpawnedProcessTests
{
    private static readonly Dictionary<string, string> Path = new() { ["PATH"] = "/usr/bin:/bin" };

    private static SpawnOutcome Shell(string script, bool captureStandardError, TimeSpan? timeout = null) =>
        SpawnedProcess.Run("/bin/sh", ["/bin/sh", "-c", script], Path, timeout ?? TimeSpan.FromMinutes(1), captureStandardError);

    [Fact]
    public void Stdout_and_stderr_are_captured_apart_with_the_exit_status()
    {
        var outcome = Shell("printf 'out\\0put'; printf 'err' >&2; exit 3", captureStandardError: true);
        Assert.Equal((3, "out\0put", "err", false), (outcome.ExitCode, outcome.StdOut, outcome.StdErr, outcome.TimedOut));
    }

    [Fact]
    public void Stderr_is_discarded_unless_asked_for()
    {
        var outcome = Shell("printf out; printf err >&2", captureStandardError: false);
        Assert.Equal((0, "out", ""), (outcome.ExitCode, outcome.StdOut, outcome.StdErr));
    }

    /// <summary>Far more than a pipe holds, on both streams: a reader of only one would deadlock the child.</summary>
    [Fact]
    public void Large_output_on_both_streams_is_drained()
    {
        var outcome = Shell("i=0; while [ $i -lt 3000 ]; do echo 0123456789012345678901234567890123456789012345678901234567890123456789 >&2; echo o; i=$((i+1)); done", captureStandardError: true);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(3000 * 71, outcome.StdErr.Length);
        Assert.Equal(3000 * 2, outcome.StdOut.Length);
    }

    [Fact]
    public void A_child_killed_by_a_signal_reports_128_plus_the_signal() =>
        Assert.Equal(128 + 9, Shell("kill -9 $$", captureStandardError: true).ExitCode);

    [Fact]
    public void A_child_that_does_not_finish_is_killed_at_the_timeout()
    {
        // Long enough for the shell to print on a loaded machine; the sleep outlasts it anyway.
        var outcome = Shell("printf started; exec sleep 600", captureStandardError: true, TimeSpan.FromSeconds(5));
        Assert.True(outcome.TimedOut);
        Assert.Equal("started", outcome.StdOut);
    }

    [Fact]
    public void A_program_that_cannot_be_started_is_an_IO_error() =>
        Assert.Throws<IOException>(() => SpawnedProcess.Run("/nonexistent/program", ["x"], Path, TimeSpan.FromSeconds(5)));
}
