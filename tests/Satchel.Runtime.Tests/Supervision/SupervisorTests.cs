using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Supervision;
using Satchel.Testing.SimulatedFileSystem;
using Xunit;

namespace Satchel.Runtime.Tests.Supervision;

/// <summary>The supervision logic shared by POSIX and Windows, over a scripted child on a fake clock.</summary>
public sealed class SupervisorTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private readonly FakeClock _clock = new();

    private ChildStatus Supervise(ScriptedChild child) => new Supervisor(child, Grace, _clock, Log.Quiet).Run();

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void The_exit_status_is_passed_through_and_nothing_is_signalled()
    {
        var child = new ScriptedChild(_clock);
        child.At(S(3), SupervisionEvent.Ended(ChildStatus.Exited(42)));
        Assert.Equal(ChildStatus.Exited(42), Supervise(child));
        Assert.Empty(child.Actions);
    }

    [Fact]
    public void A_signal_is_forwarded_and_a_child_that_obeys_is_not_killed()
    {
        var child = new ScriptedChild(_clock) { OnSignal = s => s == SignalNumbers.Terminate ? ChildStatus.KilledBy(s) : null };
        child.At(S(1), SupervisionEvent.Received(SignalNumbers.Terminate, alreadyDelivered: false));
        Assert.Equal(ChildStatus.KilledBy(SignalNumbers.Terminate), Supervise(child));
        Assert.Equal([(S(1), $"forward {SignalNumbers.Terminate}")], child.Actions);
    }

    [Fact]
    public void A_child_ignoring_SIGTERM_is_killed_when_the_grace_period_ends()
    {
        var child = new ScriptedChild(_clock);
        child.At(S(1), SupervisionEvent.Received(SignalNumbers.Terminate, alreadyDelivered: false));
        var status = Supervise(child);
        Assert.Equal(SignalNumbers.Kill, status.Signal);
        Assert.Equal([(S(1), $"forward {SignalNumbers.Terminate}"), (S(6), "kill")], child.Actions);
    }

    [Fact]
    public void Only_the_first_terminating_signal_starts_the_grace_period()
    {
        var child = new ScriptedChild(_clock);
        child.At(S(1), SupervisionEvent.Received(SignalNumbers.Interrupt, alreadyDelivered: false));
        child.At(S(4), SupervisionEvent.Received(SignalNumbers.Terminate, alreadyDelivered: false));
        Supervise(child);
        Assert.Equal((S(6), "kill"), child.Actions[^1]);
        Assert.Equal(3, child.Actions.Count);
    }

    [Fact]
    public void User_signals_are_forwarded_without_starting_a_grace_period()
    {
        var child = new ScriptedChild(_clock);
        child.At(S(1), SupervisionEvent.Received(SignalNumbers.User1, alreadyDelivered: false));
        child.At(S(2), SupervisionEvent.Received(SignalNumbers.User2, alreadyDelivered: false));
        child.At(S(100), SupervisionEvent.Ended(ChildStatus.Exited(0)));
        Assert.Equal(ChildStatus.Exited(0), Supervise(child));
        Assert.Equal([(S(1), $"forward {SignalNumbers.User1}"), (S(2), $"forward {SignalNumbers.User2}")], child.Actions);
    }

    [Fact]
    public void A_terminal_signal_the_child_already_got_is_not_sent_twice_but_still_starts_the_grace_period()
    {
        var child = new ScriptedChild(_clock);
        child.At(S(1), SupervisionEvent.Received(SignalNumbers.Interrupt, alreadyDelivered: true));
        Supervise(child);
        Assert.Equal([(S(6), "kill")], child.Actions);
    }

    [Fact]
    public void A_child_that_ends_during_the_grace_period_is_never_killed()
    {
        var child = new ScriptedChild(_clock);
        child.At(S(1), SupervisionEvent.Received(SignalNumbers.Hangup, alreadyDelivered: false));
        child.At(S(5.9), SupervisionEvent.Ended(ChildStatus.Exited(3)));
        Assert.Equal(ChildStatus.Exited(3), Supervise(child));
        Assert.DoesNotContain(child.Actions, a => a.Action == "kill");
    }

    [Fact]
    public void A_zero_grace_period_kills_at_once()
    {
        var child = new ScriptedChild(_clock);
        child.At(S(2), SupervisionEvent.Received(SignalNumbers.Quit, alreadyDelivered: false));
        new Supervisor(child, TimeSpan.Zero, _clock, Log.Quiet).Run();
        Assert.Equal([(S(2), $"forward {SignalNumbers.Quit}"), (S(2), "kill")], child.Actions);
    }

    [Theory]
    [InlineData(0x0000, 0, 0)]
    [InlineData(0x0300, 3, 0)]
    [InlineData(0xff00, 255, 0)]
    [InlineData(0x0002, 130, 2)]
    [InlineData(0x0009, 137, 9)]
    [InlineData(0x0083, 131, 3)] // SIGQUIT with a core dump
    public void Wait_statuses_decode_like_the_shell_reports_them(int raw, int code, int signal) =>
        Assert.Equal(new ChildStatus(code, signal), ChildStatus.FromWaitStatus(raw));
}
