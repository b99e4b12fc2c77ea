using Satchel.Runtime.Diagnostics;

namespace Satchel.Runtime.Supervision;

/// <summary>
/// Waits for a child while passing signals on: every forwarded signal reaches the child (unless
/// it got it already from the terminal); the first terminating one (INT, TERM, HUP, QUIT) starts
/// the grace period, at whose end the child is killed. Returns the child's status once it has
/// been reaped, so nothing is ever sent to a pid that may have been reused.
/// </summary>
public sealed class Supervisor(IChildControl child, TimeSpan grace, IClock clock, Log log)
{
    public ChildStatus Run()
    {
        TimeSpan? deadline = null;
        while (true)
        {
            TimeSpan? timeout = deadline is { } end ? Max(end - clock.Now, TimeSpan.Zero) : null;
            var e = child.Wait(timeout);
            switch (e.Kind)
            {
                case SupervisionEventKind.Exited:
                    return e.Status;
                case SupervisionEventKind.Signal:
                    if (!e.AlreadyDelivered)
                    {
                        log.Line($"forwarding signal {e.Signal} to the app");
                        child.Forward(e.Signal);
                    }

                    if (deadline is null && SignalNumbers.IsTerminating(e.Signal))
                    {
                        deadline = clock.Now + grace;
                        log.Line($"signal {e.Signal}: the app has {DurationText.WholeMilliseconds(grace)} to exit");
                    }

                    break;
                default:
                    if (deadline is { } due && clock.Now >= due)
                    {
                        log.Line("grace period over: killing the app");
                        child.Kill();
                        deadline = null;
                    }

                    break;
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>
/// The running child as the supervisor sees it: POSIX (signals, waitpid) or Windows (console
/// events, a job object). The seam lets the supervision logic be tested with a scripted child.
/// </summary>
public interface IChildControl
{
    /// <summary>Waits for the next event, at most <paramref name="timeout"/> (null: as long as it takes).</summary>
    SupervisionEvent Wait(TimeSpan? timeout);

    /// <summary>Sends <paramref name="signal"/> to the child. Never called after <see cref="Wait"/> reported it ended.</summary>
    void Forward(int signal);

    /// <summary>Ends the child at once (SIGKILL, or terminating its job). Never called after it ended.</summary>
    void Kill();
}

/// <summary>How a supervised child ended: an exit code, or the signal that killed it (Signal &gt; 0).</summary>
public readonly record struct ChildStatus(int ExitCode, int Signal)
{
    public static ChildStatus Exited(int code) => new(code, 0);

    public static ChildStatus KilledBy(int signal) => new(128 + signal, signal);

    public bool IsSignaled => Signal > 0;

    /// <summary>Decodes a waitpid(2) status: WIFEXITED → WEXITSTATUS, WIFSIGNALED → WTERMSIG.</summary>
    public static ChildStatus FromWaitStatus(int status) =>
        (status & 0x7f) == 0 ? Exited((status >> 8) & 0xff) : KilledBy(status & 0x7f);
}
